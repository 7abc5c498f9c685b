import { StatusError } from "../../lib/status-error";
import { type ProjectConfig, isPlainObject, isUnsafeConfigKey } from "./config";
import { trustedDomainPatternProblem } from "./trusted-domains";
import { CONFIG_SCHEMA, type ConfigLevel, type ConfigNode } from "./config-schema";


const invalid = (message: string) => new StatusError(400, message);

/** Parses a config JSON string from a request; anything but a JSON object is refused. */
export function parseConfigJson(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid("Invalid config JSON: the string is not valid JSON.");
  }
  if (!isPlainObject(value)) throw invalid("Invalid config JSON: the config must be a JSON object.");
  return value;
}

function checkLevel(path: string, levels: readonly ConfigLevel[], level: ConfigLevel): void {
  if (!levels.includes(level)) {
    throw invalid(`"${path}" cannot be set on the ${level} level; it belongs on the ${levels.join(" or ")} level.`);
  }
}

/** Checks a value written at `path` against its schema node: names, types and the level it may be set at. */
function checkValue(node: ConfigNode, path: string, value: unknown, level: ConfigLevel): void {
  if (node.kind === "leaf") {
    checkLevel(path, node.levels, level);
    const result = node.value.safeParse(value);
    if (!result.success) throw invalid(`"${path}" ${result.error.issues[0]?.message ?? "is not valid"}.`);
    return;
  }
  if (!isPlainObject(value)) throw invalid(`"${path}" must be an object.`);
  if (node.kind === "record") checkLevel(path, node.levels, level);
  for (const [key, child] of Object.entries(value)) {
    const childPath = `${path}.${key}`;
    if (node.kind === "object") {
      const field = Object.hasOwn(node.fields, key) ? node.fields[key] : undefined;
      if (!field) throw invalid(`The key "${childPath}" is not valid: there is no such setting.`);
      checkValue(field, childPath, child, level);
    } else {
      if (!node.key.test(key) || isUnsafeConfigKey(key)) throw invalid(`The key "${childPath}" is not valid: ids here use ${node.keyRule}.`);
      if (child !== null) checkValue(node.entry, childPath, child, level);
    }
  }
}

/** Walks one dotted key to the node it names; null is only accepted for a map entry, which it removes. */
function checkOverrideKey(key: string, value: unknown, level: ConfigLevel): void {
  const segments = key.split(".");
  let node: ConfigNode = CONFIG_SCHEMA;
  let insideRecord: { levels: readonly ConfigLevel[] } | null = null;
  for (const [index, segment] of segments.entries()) {
    const path = segments.slice(0, index + 1).join(".");
    if (node.kind === "object") {
      const field: ConfigNode | undefined = Object.hasOwn(node.fields, segment) ? node.fields[segment] : undefined;
      if (!field) throw invalid(`The key "${key}" is not valid: "${path}" is not a setting.`);
      node = field;
      insideRecord = null;
    } else if (node.kind === "record") {
      if (!node.key.test(segment) || isUnsafeConfigKey(segment)) throw invalid(`The key "${key}" is not valid: ids in "${path}" use ${node.keyRule}.`);
      insideRecord = node;
      node = node.entry;
    } else {
      throw invalid(`The key "${key}" is not valid: "${segments.slice(0, index).join(".")}" has no settings below it.`);
    }
  }
  if (value === null) {
    if (!insideRecord) throw invalid(`"${key}" cannot be null; only an entry of a map can be removed.`);
    checkLevel(key, insideRecord.levels, level);
    return;
  }
  checkValue(node, key, value, level);
}

/** Refuses an override that names an unknown setting, gives a wrong type, or sets something its level may not. */
export function validateOverride(level: ConfigLevel, override: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(override)) {
    if (key === "" || key.split(".").some((segment) => segment === "")) throw invalid(`The key "${key}" is not valid.`);
    checkOverrideKey(key, value, level);
  }
}

/** Checks that hold across settings, on the config the overrides produce together. */
export function validateRenderedConfig(config: ProjectConfig): void {
  for (const [id, provider] of Object.entries(config.auth.oauth.providers)) {
    if (!provider.isShared && (!provider.clientId || !provider.clientSecret)) {
      throw invalid(`The OAuth provider "${id}" uses its own credentials (isShared false), so it needs a clientId and a clientSecret.`);
    }
    if (provider.type === "oidc" && (provider.isShared || !provider.issuerUrl)) {
      throw invalid(`The OpenID Connect provider "${id}" needs an issuerUrl and its own clientId and clientSecret (isShared false).`);
    }
  }
  for (const [id, domain] of Object.entries(config.domains.trustedDomains)) {
    if (!domain.baseUrl) throw invalid(`The trusted domain "${id}" needs a baseUrl.`);
    const problem = trustedDomainPatternProblem(domain.baseUrl);
    if (problem) throw invalid(problem);
  }
  for (const [id, permission] of Object.entries(config.rbac.permissions)) {
    if (permission && !permission.scope) throw invalid(`The permission "${id}" needs a scope (team or project).`);
  }
  const cycle = permissionCycle(config.rbac.permissions);
  if (cycle) throw invalid(`Permissions cannot contain themselves: ${cycle.join(" → ")}.`);
}

type ContainedPermissions = Record<string, { containedPermissionIds?: Record<string, boolean> } | null | undefined>;

/**
 * The first chain of permissions that leads back to its start (`a → b → a`), or null. Holding a permission implies
 * everything it contains, so a loop would make each one imply itself and no longer mean what its definition says.
 */
export function permissionCycle(permissions: ContainedPermissions): string[] | null {
  const done = new Set<string>();
  const visit = (id: string, path: string[]): string[] | null => {
    const start = path.indexOf(id);
    if (start !== -1) return [...path.slice(start), id];
    if (done.has(id)) return null;
    const contained = permissions[id]?.containedPermissionIds ?? {};
    for (const [child, on] of Object.entries(contained)) {
      if (!on) continue;
      const found = visit(child, [...path, id]);
      if (found) return found;
    }
    done.add(id);
    return null;
  };
  for (const id of Object.keys(permissions).sort()) {
    const found = visit(id, []);
    if (found) return found;
  }
  return null;
}
