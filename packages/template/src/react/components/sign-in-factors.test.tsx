import { KnownErrors } from "@stackframe/stack-shared";
import { userJson } from "@stackframe/stack-shared/test-support";
import { generate } from "lean-qr";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { CurrentUser } from "../../lib/objects/user.js";
import { HexclaveClientApp } from "../../lib/public-api.js";
import { base32Encode } from "../../lib/totp.js";
import { useUser } from "../hooks.js";
import { HexclaveProvider } from "../provider.js";
import { authErrorMessage } from "./errors.js";
import { AccountSettings, SignIn } from "./index.js";
import { MfaStep } from "./mfa-step.js";
import { PasskeySection } from "./passkey-section.js";
import { SignInWithPasskey } from "./passkey-sign-in.js";
import { modulesPath } from "./qr-code.js";
import { RecoveryCodes, recoveryCodesFileName, recoveryCodesText } from "./recovery-codes.js";
import { TotpSetup } from "./totp-setup.js";

const ada = userJson({ display_name: "Ada Lovelace" });
const withTotp = userJson({ requires_totp_mfa: true });
const CODES = Array.from({ length: 10 }, (_, index) => `abcd${index}-fghij`);

function render(ui: ReactNode, initialUser = ada): string {
  const app = new HexclaveClientApp({ projectId: "p", baseUrl: "http://127.0.0.1:1", tokenStore: "memory" });
  return renderToString(<HexclaveProvider app={app} initialUser={initialUser}>{ui}</HexclaveProvider>).replace(/<!--\/?\$-->/g, "");
}

/** Renders what needs the signed-in user object, which only the provider makes. */
function WithUser({ children }: { children: (user: CurrentUser) => ReactNode }) {
  const user = useUser();
  return user ? <>{children(user)}</> : null;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function inputLabelled(html: string, label: string): string {
  const forId = new RegExp(`<label[^>]*\\sfor="([^"]+)"[^>]*>${escapeRegExp(label)}</label>`).exec(html)?.[1];
  expect(forId, `a <label for> with text "${label}"`).toBeDefined();
  return new RegExp(`<input[^>]*\\sid="${escapeRegExp(forId ?? "")}"[^>]*>`).exec(html)?.[0] ?? "";
}

const buttons = (html: string) => [...html.matchAll(/<button ([^>]*)>(?:<span[^>]*>.*?<\/span>)?([^<]*)<\/button>/g)].map(([, attributes, text]) => ({ attributes, text }));
const buttonTexts = (html: string) => buttons(html).map(({ text }) => text);

describe("the Two-factor authentication section", () => {
  it("offers to set up an authenticator app when two-factor sign-in is off", () => {
    const html = render(<AccountSettings />);
    expect(html).toContain("Ask for a code from an authenticator app");
    expect(buttonTexts(html)).toContain("Set up");
    expect(buttonTexts(html)).not.toContain("Regenerate recovery codes");
  });

  it("shows that it is on, counts the recovery codes left, and offers new codes and turning it off", () => {
    const html = render(<AccountSettings />, withTotp);
    expect(html.replaceAll("<!-- -->", "")).toContain('<span class="hx-badge">On</span> Counting your recovery codes…');
    expect(buttonTexts(html)).toEqual(expect.arrayContaining(["Regenerate recovery codes", "Turn off"]));
    expect(buttonTexts(html)).not.toContain("Set up");
  });
});

describe("TotpSetup", () => {
  const setup = (account = "ada@example.com") =>
    render(<WithUser>{(user) => <TotpSetup user={user} issuer="Acme" account={account} onEnabled={() => {}} onCancel={() => {}} />}</WithUser>);

  /** The labelled read-only text area of the setup key, and the key in it. */
  function setupKeyOf(html: string): { tag: string; key: string } {
    const forId = /<label[^>]*\sfor="([^"]+)"[^>]*>Setup key<\/label>/.exec(html)?.[1];
    const match = new RegExp(`(<textarea[^>]*\\sid="${escapeRegExp(forId ?? "-")}"[^>]*>)([^<]*)</textarea>`).exec(html);
    expect(match, "a <textarea> labelled Setup key").not.toBeNull();
    return { tag: match?.[1] ?? "", key: match?.[2] ?? "" };
  }

  it("shows a new 20-byte secret as a read-only setup key in groups of four", () => {
    const { tag, key } = setupKeyOf(setup());
    expect(tag).toContain('readOnly=""');
    expect(key).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    expect(key.replaceAll(" ", "")).toHaveLength(base32Encode(new Uint8Array(20)).length);
    expect(key).not.toBe(setupKeyOf(setup()).key);
  });

  it("asks for the app's code with the one-time-code keyboard and autofill, and turns on with a submit button", () => {
    const html = setup();
    expect(inputLabelled(html, "Code from the app")).toMatch(/inputMode="numeric".*autoComplete="one-time-code"|autoComplete="one-time-code".*inputMode="numeric"/);
    expect(buttons(html).find(({ text }) => text === "Turn on")?.attributes).toContain('type="submit"');
    expect(buttons(html).find(({ text }) => text === "Cancel")?.attributes).toContain('type="button"');
  });

  it("announces the QR code while its encoder loads, beside the key for typing", () => {
    expect(setup()).toContain('role="status" aria-label="Loading the QR code"');
    expect(setup("grace@example.com")).toContain("Time-based, for grace@example.com.");
  });
});

describe("the QR code", () => {
  it("draws exactly the encoder's dark modules, inside a four-module quiet zone", () => {
    const code = generate("otpauth://totp/Acme:ada%40example.com?secret=MZXW6YTBOI&issuer=Acme&algorithm=SHA1&digits=6&period=30");
    const drawn = new Set([...modulesPath(code.size, (x, y) => code.get(x, y)).matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map(([, x, y]) => `${Number(x) - 4},${Number(y) - 4}`));
    const dark = new Set<string>();
    for (let y = 0; y < code.size; y++) for (let x = 0; x < code.size; x++) if (code.get(x, y)) dark.add(`${x},${y}`);
    expect(drawn).toEqual(dark);
    expect(dark.size).toBeGreaterThan(100);
  });
});

describe("RecoveryCodes", () => {
  it("lists the ten codes once, with copy, download and done", () => {
    const html = render(<RecoveryCodes codes={CODES} issuer="Acme" account="ada@example.com" onDone={() => {}} />);
    expect([...html.matchAll(/<li><code>([^<]+)<\/code><\/li>/g)].map(([, code]) => code)).toEqual(CODES);
    expect(buttonTexts(html)).toEqual(["Copy", "Download", "I have saved them"]);
    expect(html).toContain('tabindex="-1"');
    expect(html).not.toContain("earlier codes");
    expect(render(<RecoveryCodes codes={CODES} issuer="Acme" account="ada@example.com" replaced onDone={() => {}} />)).toContain("Your earlier codes no longer work.");
  });

  it("writes a text file that says what the codes are for, one code a line, under a safe name", () => {
    const text = recoveryCodesText(CODES, { issuer: "Acme", account: "ada@example.com" });
    expect(text.split("\n").slice(0, 2)).toEqual(["Recovery codes for ada@example.com at Acme.", "Each works once, in place of a code from your authenticator app."]);
    expect(text.trimEnd().split("\n").slice(-10)).toEqual(CODES);
    expect(recoveryCodesFileName("Acme & Co.")).toBe("acme-co-recovery-codes.txt");
    expect(recoveryCodesFileName("日本")).toBe("account-recovery-codes.txt");
  });
});

describe("the Passkey section", () => {
  const section = (json = ada) => render(<WithUser>{(user) => <PasskeySection user={user} />}</WithUser>, json);

  it("offers to add a passkey to an account without one", () => {
    expect(buttonTexts(section())).toEqual(["Add a passkey"]);
  });

  it("offers to replace or remove the passkey an account has", () => {
    const html = section(userJson({ passkey_auth_enabled: true }));
    expect(html).toContain("This account has a passkey.");
    expect(buttonTexts(html)).toEqual(["Replace", "Remove"]);
  });

  it("stays out of AccountSettings until the project says passkeys are on", () => {
    expect(render(<AccountSettings />)).not.toContain(">Passkey</h2>");
  });
});

describe("signing in with a passkey or a recovery code", () => {
  it("is a real button with a decorative icon", () => {
    const [button] = buttons(render(<SignInWithPasskey onMfaRequired={() => {}} />));
    expect(button).toMatchObject({ text: "Sign in with a passkey" });
    expect(button?.attributes).toContain('type="button"');
    expect(render(<SignInWithPasskey onMfaRequired={() => {}} />)).toContain('<span class="hx-oauth-icon hx-passkey-icon" aria-hidden="true">');
  });

  it("waits for the project before SignIn shows the passkey button", () => {
    expect(render(<SignIn />, null as never)).not.toContain("Sign in with a passkey");
  });

  it("offers a recovery code in the authenticator step, and the app back from there", () => {
    const totp = render(<MfaStep attemptCode={"a".repeat(45)} onCancel={() => {}} />);
    expect(inputLabelled(totp, "Authenticator code")).toContain('autoComplete="one-time-code"');
    expect(buttons(totp).find(({ text }) => text === "Use a recovery code instead")?.attributes).toContain('type="button"');

    const recovery = render(<MfaStep attemptCode={"a".repeat(45)} onCancel={() => {}} initialMode="recovery-code" />);
    expect(inputLabelled(recovery, "Recovery code")).toMatch(/class="hx-input hx-mono".*autoComplete="off"/);
    expect(recovery).toContain("Enter one of the recovery codes you saved");
    expect(buttonTexts(recovery)).toContain("Use your authenticator app instead");
  });

  it.each([
    { error: new KnownErrors.PasskeyWebAuthnError("The operation either timed out or was not allowed.", "NotAllowedError"), message: "The passkey prompt was closed or timed out." },
    { error: new KnownErrors.PasskeyWebAuthnError("already registered", "InvalidStateError"), message: "This device already holds a passkey for your account." },
    { error: new KnownErrors.PasskeyWebAuthnError("WebAuthn is not supported in this browser", "Error"), message: "This browser could not use a passkey here. Try again, or sign in another way." },
    {
      error: new KnownErrors.PasskeyAuthenticationFailed("No account of this project has this passkey."),
      message: "This passkey does not sign in to an account here. Try another passkey, or sign in another way.",
    },
    {
      error: new KnownErrors.PasskeyRegistrationFailed("The passkey was created on a site that is not a trusted domain of this project."),
      message: "The passkey could not be added here. Try again, or use another device.",
    },
    { error: new KnownErrors.InvalidMfaRecoveryCode(), message: "That recovery code is not right, or it was already used." },
  ])("explains $error.code $error.details.code to the visitor", ({ error, message }) => {
    expect(authErrorMessage(error)).toBe(message);
  });
});
