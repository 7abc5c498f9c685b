import { tanstackStart } from "@tanstack/react-start/plugin/vite";
import viteReact from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  server: { port: 3001 },
  // The Start plugin must come before React's.
  plugins: [tanstackStart(), viteReact()],
});
