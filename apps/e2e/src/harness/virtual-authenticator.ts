import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { CDPSession, Page } from "playwright-core";

/** A credential as Chromium's WebAuthn domain reports and takes it: binary fields in standard base64. */
export type VirtualCredential = { credentialId: string; isResidentCredential: boolean; rpId?: string; privateKey: string; userHandle?: string; signCount: number };

/**
 * A passkey device in Chromium (the DevTools WebAuthn domain): a platform authenticator that keeps discoverable
 * credentials and verifies its user without a prompt, as a phone or laptop with a fingerprint reader would.
 */
export class VirtualAuthenticator {
  private constructor(
    private readonly cdp: CDPSession,
    readonly id: string,
  ) {}

  static async attach(page: Page): Promise<VirtualAuthenticator> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    return new VirtualAuthenticator(cdp, authenticatorId);
  }

  async credentials(): Promise<VirtualCredential[]> {
    return (await this.cdp.send("WebAuthn.getCredentials", { authenticatorId: this.id })).credentials;
  }

  async addCredential(credential: VirtualCredential): Promise<void> {
    await this.cdp.send("WebAuthn.addCredential", { authenticatorId: this.id, credential });
  }

  /** Takes the device away, with every credential it holds. */
  async remove(): Promise<void> {
    await this.cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId: this.id });
  }
}

/** A discoverable credential for `rpId` that no account of the test's project registered: a passkey made elsewhere. */
export function foreignCredential(rpId: string): VirtualCredential {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return {
    credentialId: randomBytes(16).toString("base64"),
    isResidentCredential: true,
    rpId,
    privateKey: privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"),
    userHandle: randomBytes(16).toString("base64"),
    signCount: 0,
  };
}
