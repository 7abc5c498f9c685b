import * as ourStackJs from "@stackframe/js";
import * as stackJs77 from "stack-js-2-8-77";
import * as stackJs108 from "stack-js-2-8-108";

/**
 * The SDKs that run as real clients against our backend: published builds nobody here wrote,
 * installed under aliases. 2.8.77 sends x-stack-* headers, 2.8.108 sends x-hexclave-*.
 */
export const PUBLISHED_SDKS = [
  { name: "@stackframe/js@2.8.77", sdk: stackJs77 as unknown as StackSdk },
  { name: "@stackframe/js@2.8.108", sdk: stackJs108 as unknown as StackSdk },
];

/** The published SDKs and ours (packages/js, generated from packages/template): the same scenarios run against each. */
export const ALL_SDKS = [...PUBLISHED_SDKS, { name: "@stackframe/js (ours)", sdk: ourStackJs as unknown as StackSdk }];

// The slice of the SDK surface the scenarios use; both versions share it.
export type StackSdk = {
  StackClientApp: new (options: Record<string, unknown>) => any;
  StackServerApp: new (options: Record<string, unknown>) => any;
  StackAdminApp: new (options: Record<string, unknown>) => any;
};
