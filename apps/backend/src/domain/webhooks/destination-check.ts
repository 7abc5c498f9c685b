import { KnownErrors } from "@stackframe/stack-shared";
import type { Resolver } from "./http-delivery";
import { type AddressPolicy, addressRefusal, checkEndpointUrl, ipLiteralOf, resolvedRefusal } from "./url-policy";

// Saving an endpoint waits this long for its name to resolve before taking it unresolved.
const LOOKUP_LIMIT_MS = 3000;

function lookupWithin(resolver: Resolver, hostname: string): Promise<{ address: string }[] | null> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), LOOKUP_LIMIT_MS);
  });
  const lookup = resolver(hostname).catch(() => null);
  return Promise.race([lookup, limit]).finally(() => clearTimeout(timer));
}

/**
 * Checks an endpoint URL when it is saved: the URL policy, then where it points now. An IP address, or a name that
 * resolves to one, that deliveries could never reach is refused here with the reason, so a mistyped or hostile URL is
 * answered at once rather than in the delivery log. A name that does not resolve yet is taken: DNS may be set up
 * later, and every delivery resolves and checks it again at connect time, which is the check that counts.
 */
export async function checkEndpointDestination(raw: string, policy: AddressPolicy, resolver: Resolver): Promise<string> {
  const url = checkEndpointUrl(raw, policy);
  const { hostname } = new URL(url);
  const literal = ipLiteralOf(hostname);
  if (literal) {
    const refusal = addressRefusal(literal, policy);
    if (refusal) throw new KnownErrors.WebhookEndpointUrlNotAllowed(`${refusal}.`);
    return url;
  }
  const refusal = resolvedRefusal(hostname, (await lookupWithin(resolver, hostname)) ?? [], policy);
  if (refusal) throw new KnownErrors.WebhookEndpointUrlNotAllowed(`${refusal}.`);
  return url;
}
