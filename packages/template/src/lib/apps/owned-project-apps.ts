import type { HexclaveAdminAppOptions } from "./app-options.js";

// Typed as unknown here, so this module stays below the admin app; the public types name HexclaveAdminApp.
type AdminAppFactory = (options: HexclaveAdminAppOptions) => unknown;

// The client app hands out admin apps for the projects an internal user owns, but the admin app is built on the
// client app; so the admin app's module provides its constructor here when it loads, and the client app never imports it.
let adminAppFactory: AdminAppFactory | null = null;

export function provideAdminAppFactory(factory: AdminAppFactory): void {
  adminAppFactory = factory;
}

export function createOwnedProjectApp(options: HexclaveAdminAppOptions): unknown {
  if (!adminAppFactory) throw new Error("HexclaveAdminApp was not loaded: import it from the SDK package to manage owned projects.");
  return adminAppFactory(options);
}
