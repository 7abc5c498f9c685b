import type { Tx } from "../../db/client";
import type { TenancyRef } from "../../db/tenant-scope";
import type { BackendConfig } from "../../lib/config";
import { ipBucketOf } from "../../lib/forwarded-headers";
import { consumeRateLimit } from "../abuse/rate-limits";

/**
 * Whether another email that anyone can trigger (verification, reset, sign-in code) may go to this address from this
 * client, counted across all instances. Each address has its own budget per window, and one
 * client (an IPv4 address or IPv6 /64, in this project) may spend only part of it: so neither a flood from one client
 * nor a shared proxy address can use up the mail of anyone else's address. Over a limit the caller answers as usual
 * but queues nothing, so the answer reveals neither the limit nor the account.
 */
export type EmailRateLimits = BackendConfig["email"]["rateLimits"];

export async function mayQueueEmail(db: Tx, tenancy: TenancyRef, input: { address: string; clientIp: string | null }, limits: EmailRateLimits): Promise<boolean> {
  const { perAddress, perClientAndAddress } = limits;
  const address = input.address.toLowerCase();
  // The client's share is counted first: a client over it does not spend the address's budget any further.
  if (input.clientIp !== null) {
    const bucket = `email-ip:${tenancy.id}:${ipBucketOf(input.clientIp)}:${address}`;
    if (!(await consumeRateLimit(db, bucket, perClientAndAddress))) return false;
  }
  return await consumeRateLimit(db, `email:${tenancy.id}:${address}`, perAddress);
}
