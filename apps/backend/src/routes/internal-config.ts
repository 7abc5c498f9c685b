import type { Auth } from "../app-env";
import {
  patchConfigOverride,
  readConfigOverrides,
  replaceConfigOverride,
  resetConfigOverrideKeys,
  unlinkConfigSource,
} from "../domain/projects/config-overrides";
import { parseConfigJson } from "../domain/projects/config-validation";
import { StatusError } from "../lib/status-error";
import { z } from "../lib/zod";
import type { Services } from "../services";
import { defineRoute } from "./define-route";
import { successResponse } from "./schemas/common";
import { configSourceSchema, configStringResponse, configSourceResponse } from "./schemas/config";
import { ADMIN_ACCESS, SERVER_ACCESS } from "./route-policy";

const tags = ["Config"];
const levelParams = z.object({ level: z.enum(["project", "branch", "environment"]) }).strict();
const textError = (status: 400 | 403, description: string) => ({ status, description, schema: z.string(), mediaType: "text/plain" as const });
const invalidConfig = textError(400, "The config is not valid JSON, names an unknown setting, or sets one its level may not");

// A server key may change what a config file in the app's repository holds (the branch level), nothing else.
function requireLevelAccess(auth: Auth, level: string): void {
  if (auth.type === "server" && level !== "branch") {
    throw new StatusError(403, `A server key can only change the branch level of the config, not the ${level} level; use an admin key.`);
  }
}

async function writeConfig(services: Services, auth: Auth, change: Parameters<Services["db"]["transaction"]>[0]) {
  await services.db.transaction(change);
  services.projects.invalidate(auth.tenancy.project.id);
}

export const internalConfigRoutes = [
  defineRoute({
    method: "get",
    path: "/internal/config",
    summary: "The effective config: defaults with every level's override applied",
    tags,
    access: ADMIN_ACCESS,
    response: { status: 200, description: "The config as a JSON string", schema: configStringResponse },
    handler: ({ c, auth }) => c.json({ config_string: JSON.stringify(auth.tenancy.config) }),
  }),
  defineRoute({
    method: "get",
    path: "/internal/config/override/:level",
    summary: "One level's override, as stored",
    tags,
    access: SERVER_ACCESS,
    params: levelParams,
    response: { status: 200, description: "The override as a JSON string", schema: configStringResponse },
    otherResponses: [textError(403, "A server key asked for a level other than branch")],
    handler: async ({ c, services, auth, params }) => {
      requireLevelAccess(auth, params.level);
      const overrides = await readConfigOverrides(services.db, auth.tenancy);
      return c.json({ config_string: JSON.stringify(overrides[params.level]) });
    },
  }),
  defineRoute({
    method: "put",
    path: "/internal/config/override/:level",
    summary: "Replace one level's override",
    tags,
    access: SERVER_ACCESS,
    params: levelParams,
    body: z.object({ config_string: z.string().max(1_000_000), source: configSourceSchema.optional() }).strict(),
    response: { status: 200, description: "Replaced", schema: successResponse },
    otherResponses: [invalidConfig, textError(403, "A server key named a level other than branch")],
    handler: async ({ c, services, auth, params, body }) => {
      requireLevelAccess(auth, params.level);
      if (params.level === "branch" && !body.source) throw new StatusError(400, "A source is required when replacing the branch config: say where it was pushed from.");
      const override = parseConfigJson(body.config_string);
      const source = params.level === "branch" ? body.source : undefined;
      await writeConfig(services, auth, (tx) => replaceConfigOverride(tx, auth.tenancy, params.level, override, source));
      return c.json({ success: true });
    },
  }),
  defineRoute({
    method: "patch",
    path: "/internal/config/override/:level",
    summary: "Set some keys of one level's override (dot notation allowed), keeping the rest",
    tags,
    access: SERVER_ACCESS,
    params: levelParams,
    body: z.object({ config_override_string: z.string().max(1_000_000) }).strict(),
    response: { status: 200, description: "Updated", schema: successResponse },
    otherResponses: [invalidConfig, textError(403, "A server key named a level other than branch")],
    handler: async ({ c, services, auth, params, body }) => {
      requireLevelAccess(auth, params.level);
      const changes = parseConfigJson(body.config_override_string);
      await writeConfig(services, auth, (tx) => patchConfigOverride(tx, auth.tenancy, params.level, changes));
      return c.json({ success: true });
    },
  }),
  defineRoute({
    method: "post",
    path: "/internal/config/override/:level/reset-keys",
    summary: "Remove keys (and every key below them) from the branch or environment override",
    tags,
    access: ADMIN_ACCESS,
    params: z.object({ level: z.enum(["branch", "environment"]) }).strict(),
    body: z.object({ keys: z.array(z.string().min(1).max(1024)).max(1000) }).strict(),
    response: { status: 200, description: "Removed", schema: successResponse },
    otherResponses: [invalidConfig],
    handler: async ({ c, services, auth, params, body }) => {
      await writeConfig(services, auth, (tx) => resetConfigOverrideKeys(tx, auth.tenancy, params.level, body.keys));
      return c.json({ success: true });
    },
  }),
  defineRoute({
    method: "get",
    path: "/internal/config/source",
    summary: "Where the branch config came from",
    tags,
    access: ADMIN_ACCESS,
    response: { status: 200, description: "The source", schema: configSourceResponse },
    handler: async ({ c, services, auth }) => c.json({ source: (await readConfigOverrides(services.db, auth.tenancy)).source }),
  }),
  defineRoute({
    method: "delete",
    path: "/internal/config/source",
    summary: "Unlink the branch config from where it was pushed from; its values stay",
    tags,
    access: ADMIN_ACCESS,
    response: { status: 200, description: "Unlinked", schema: successResponse },
    handler: async ({ c, services, auth }) => {
      await writeConfig(services, auth, (tx) => unlinkConfigSource(tx, auth.tenancy));
      return c.json({ success: true });
    },
  }),
];
