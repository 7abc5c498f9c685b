import path from "node:path";
import type { NextConfig } from "next";

const config: NextConfig = {
  // The example lives in the Hexclave monorepo; tracing starts at its root so workspace packages are found.
  outputFileTracingRoot: path.join(import.meta.dirname, "../.."),
  turbopack: { root: path.join(import.meta.dirname, "../..") },
};

export default config;
