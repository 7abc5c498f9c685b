import { KnownErrors } from "@stackframe/stack-shared";
import { getDataVaultValue, setDataVaultValue } from "../domain/data-vault/data-vault";
import { z } from "../lib/zod";
import { serverSecretOf } from "../services";
import { defineRoute } from "./define-route";
import { SERVER_ACCESS } from "./route-policy";
import { successResponse } from "./schemas/common";

const tags = ["Data vault"];
const storeParams = z.object({ id: z.string().max(63).openapi({ description: "The id of a store in dataVault.stores" }) });
const hashedKey = () => z.string().min(1).max(1024).openapi({ description: "The key, hashed by the SDK with the developer's secret" });
// A vault keeps secrets a user hands over (tokens, keys, small documents), not files.
const VALUE_MAX_CHARS = 512 * 1024;

export const dataVaultRoutes = [
  defineRoute({
    method: "post",
    path: "/data-vault/stores/:id/get",
    summary: "Read the encrypted value of a key in a data vault store",
    tags,
    access: SERVER_ACCESS,
    params: storeParams,
    body: z.object({ hashed_key: hashedKey() }).strict(),
    response: { status: 200, description: "The value as the SDK encrypted it", schema: z.object({ encrypted_value: z.string() }).strict() },
    errors: [KnownErrors.DataVaultStoreDoesNotExist, KnownErrors.DataVaultStoreHashedKeyDoesNotExist],
    handler: async ({ c, services, auth, params, body }) => {
      const value = await getDataVaultValue(services.db, auth.tenancy, { storeId: params.id, hashedKey: body.hashed_key }, { serverSecret: serverSecretOf(services) });
      return c.json({ encrypted_value: value });
    },
  }),
  defineRoute({
    method: "post",
    path: "/data-vault/stores/:id/set",
    summary: "Store the encrypted value of a key in a data vault store, replacing any earlier one",
    tags,
    access: SERVER_ACCESS,
    params: storeParams,
    body: z.object({ hashed_key: hashedKey(), encrypted_value: z.string().max(VALUE_MAX_CHARS) }).strict(),
    response: { status: 200, description: "Stored", schema: successResponse },
    errors: [KnownErrors.DataVaultStoreDoesNotExist],
    handler: async ({ c, services, auth, params, body }) => {
      const input = { storeId: params.id, hashedKey: body.hashed_key, encryptedValue: body.encrypted_value };
      await setDataVaultValue(services.db, auth.tenancy, input, { serverSecret: serverSecretOf(services) });
      return c.json({ success: true });
    },
  }),
];
