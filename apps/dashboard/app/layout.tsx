import { HexclaveProvider } from "@stackframe/stack";
import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { ThemeProvider } from "@/components/theme-provider";
import { hexclaveServerApp } from "../hexclave";
import "./globals.css";

export const metadata: Metadata = { title: { default: "Hexclave", template: "%s · Hexclave" } };
// Every page depends on the operator's session cookies.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The sign-in pages run under a nonce-based Content-Security-Policy; the theme's inline script needs that nonce.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen antialiased">
        <ThemeProvider nonce={nonce}>
          <HexclaveProvider app={hexclaveServerApp}>{children}</HexclaveProvider>
        </ThemeProvider>
      </body>
    </html>
  );
}
