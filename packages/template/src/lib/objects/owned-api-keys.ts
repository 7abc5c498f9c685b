import type { ApiKeyOwnerJson, ClientInterface, InternalSession } from "@stackframe/stack-shared";
import { createApiKey, listApiKeys, updateApiKey } from "@stackframe/stack-shared/client-calls";
import { type ApiKey, type ApiKeyCreationOptions, type ApiKeyType, apiKeyCreationToJson, apiKeyFromJson } from "./api-key.js";

// The API keys of the signed-in user or of one of their teams; user.ts and team.ts load this on the first call.

export type OwnedApiKeyMethods<Type extends ApiKeyType> = {
  /** A key to call your API with; `value` holds the full key only on this object. */
  createApiKey(options: ApiKeyCreationOptions<Type>): Promise<ApiKey<Type, true>>;
  listApiKeys(): Promise<ApiKey<Type>[]>;
};

export type OwnedApiKeyDeps = {
  iface: ClientInterface;
  getSession(): Promise<InternalSession>;
  /** Called after a key is made or changed, so anything showing keys reads them again. */
  onChanged(): Promise<void>;
  /** How the API names the owner when creating and listing (the user as `me`). */
  owner: ApiKeyOwnerJson;
  /** How it names the owner when changing one key (the user by id). */
  keyOwner: ApiKeyOwnerJson;
};

export function ownedApiKeyMethods<Type extends ApiKeyType>({ iface, getSession, onChanged, owner, keyOwner }: OwnedApiKeyDeps): OwnedApiKeyMethods<Type> {
  const deps = (keyId: string) => ({
    update: async (body: { description?: string; revoked?: boolean }) => {
      await updateApiKey(iface.http, keyOwner, keyId, body, await getSession());
      await onChanged();
    },
  });
  return {
    createApiKey: async (options) => {
      const key = await createApiKey(iface.http, owner, apiKeyCreationToJson(options), await getSession());
      await onChanged();
      return apiKeyFromJson(key, deps(key.id)) as ApiKey<Type, true>;
    },
    listApiKeys: async () => (await listApiKeys(iface.http, owner, await getSession())).map((key) => apiKeyFromJson(key, deps(key.id)) as ApiKey<Type>),
  };
}
