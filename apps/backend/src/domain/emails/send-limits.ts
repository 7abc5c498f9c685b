import type { Services } from "../../app-env";
import { consumeRateLimit } from "../abuse/rate-limits";

/**
 * Whether another email that anyone can trigger (verification, reset, sign-in code) may go to this address from this
 * client. Counted per address and per IP across all instances (SECURITY-TESTS AB-06). Over the limit the caller
 * answers as usual but queues nothing, so the answer reveals neither the limit nor the account.
 */
export async function mayQueueEmail(services: Services, input: { tenancyId: string; address: string; clientIp: string | null }): Promise<boolean> {
  const { perAddress, perIp } = services.config.email.rateLimits;
  const byAddress = await consumeRateLimit(services.db, `email:${input.tenancyId}:${input.address.toLowerCase()}`, perAddress);
  const byIp = input.clientIp === null ? true : await consumeRateLimit(services.db, `email-ip:${input.tenancyId}:${input.clientIp}`, perIp);
  return byAddress && byIp;
}
