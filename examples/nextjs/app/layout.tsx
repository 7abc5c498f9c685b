import { HexclaveProvider } from "@stackframe/stack";
import type { ReactNode } from "react";
import { hexclaveServerApp } from "../hexclave";
import "./globals.css";

export const metadata = { title: "Hexclave × Next.js" };
// Every page depends on the visitor's session cookies.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <HexclaveProvider app={hexclaveServerApp}>{children}</HexclaveProvider>
      </body>
    </html>
  );
}
