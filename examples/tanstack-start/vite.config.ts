import { tanstackStart } from "@tanstack/react-start/plugin/vite";
import viteReact from "@vitejs/plugin-react";
import { defineConfig, loadEnv } from "vite";

export default defineConfig(({ mode }) => {
  // The server reads its Hexclave settings from process.env; in development they may come from .env.
  Object.assign(process.env, { ...loadEnv(mode, process.cwd(), ["HEXCLAVE_", "STACK_"]), ...process.env });
  return {
    server: { port: 3001 },
    // The Start plugin must come before React's.
    plugins: [tanstackStart(), viteReact()],
  };
});
