import { hexclaveRequestMiddleware } from "@stackframe/tanstack-start";
import { createCsrfMiddleware, createStart } from "@tanstack/react-start";

// An app with its own start.ts no longer gets TanStack Start's default CSRF check for server functions: keep it.
const csrfMiddleware = createCsrfMiddleware({ filter: (ctx) => ctx.handlerType === "serverFn" });

// The prebuilt pages under /handler get no-referrer and a nonce-based Content-Security-Policy.
export const startInstance = createStart(() => ({ requestMiddleware: [csrfMiddleware, hexclaveRequestMiddleware()] }));
