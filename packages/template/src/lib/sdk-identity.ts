import { SDK_PACKAGE, SDK_PLATFORM, SDK_VERSION } from "./version.js";

export type SdkIdentity = { package: string; version: string; platform: string };

let identity: SdkIdentity = { package: SDK_PACKAGE, version: SDK_VERSION, platform: SDK_PLATFORM };

/** The package the app was loaded through: the JS SDK, unless a framework package built on it named itself at import. */
export function sdkIdentity(): SdkIdentity {
  return identity;
}

export function setSdkIdentity(next: SdkIdentity): void {
  identity = next;
}
