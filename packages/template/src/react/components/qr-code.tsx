"use client";

import { useEffect, useState } from "react";

type Qr = { status: "loading" } | { status: "failed" } | { status: "ready"; size: number; path: string };

// The quiet zone QR readers need around the code, in modules.
const MARGIN = 4;

/** One SVG path of the dark modules, inside the quiet zone, so a code of any size is one element. */
export function modulesPath(size: number, isDark: (x: number, y: number) => boolean): string {
  let path = "";
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) if (isDark(x, y)) path += `M${x + MARGIN} ${y + MARGIN}h1v1h-1z`;
  }
  return path;
}

/**
 * A QR code of `value`, drawn as SVG. The encoder is loaded when the code is first shown, so pages without one do not
 * carry it. Dark on white in both themes: many readers cannot read a light-on-dark code.
 * @example <QrCode value={totpUri(secret, { issuer, account })} label="QR code for your authenticator app" />
 */
export function QrCode({ value, label }: { value: string; label: string }) {
  const [qr, setQr] = useState<Qr>({ status: "loading" });
  useEffect(() => {
    let current = true;
    setQr({ status: "loading" });
    import("lean-qr").then(
      ({ generate }) => {
        const code = generate(value);
        if (current) setQr({ status: "ready", size: code.size, path: modulesPath(code.size, (x, y) => code.get(x, y)) });
      },
      () => current && setQr({ status: "failed" }),
    );
    return () => {
      current = false;
    };
  }, [value]);

  if (qr.status === "failed") return <p className="hx-qr hx-qr-failed">The QR code could not be shown. Enter the setup key in your app instead.</p>;
  if (qr.status === "loading") {
    return (
      // biome-ignore lint/a11y/useSemanticElements: an explicit status role is announced more reliably than <output>.
      <div className="hx-qr" role="status" aria-label="Loading the QR code">
        <span className="hx-spinner hx-spinner-large" aria-hidden="true" />
      </div>
    );
  }
  const box = qr.size + 2 * MARGIN;
  return (
    <svg className="hx-qr" role="img" aria-label={label} viewBox={`0 0 ${box} ${box}`} shapeRendering="crispEdges">
      <rect width={box} height={box} fill="#ffffff" />
      <path d={qr.path} fill="#000000" />
    </svg>
  );
}
