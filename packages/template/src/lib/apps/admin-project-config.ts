import type { AdminInterface } from "@stackframe/stack-shared";
import {
  type ConfigOverrideLevel,
  type HexclaveConfig,
  type PushConfigOptions,
  type PushedConfigSource,
  configFromJsonString,
  pushedConfigSourceFromJson,
  pushedConfigSourceToJson,
} from "../objects/config.js";

/**
 * The config methods of the project an admin app manages. The config is layered: defaults, then the project level,
 * the branch level (what `pushConfig` writes, usually from a config file in the app's repository) and the environment
 * level (what `updateConfig` writes), each winning over the one before.
 *
 * The app keeps no copy of the project or its config, so there is nothing to refresh after a change: the next
 * `getProject()` or `getConfig()` reads the new values.
 */
export type AdminProjectConfigMethods = {
  /**
   * The effective config: the defaults with every level applied.
   * @example const config = await project.getConfig(); config.teams; // { allowClientTeamCreation: false, … }
   */
  getConfig(): Promise<HexclaveConfig>;
  /**
   * Merges keys into the environment level, which wins over anything pushed; for values that differ per deployment.
   * @example await project.updateConfig({ "teams.allowClientTeamCreation": true });
   */
  updateConfig(configOverride: HexclaveConfig): Promise<void>;
  /**
   * Replaces the branch level with a pushed config and records where it came from. The environment level still wins.
   * @example await project.pushConfig({ "auth.allowSignUp": false }, { source: { type: "pushed-from-unknown" } });
   */
  pushConfig(config: HexclaveConfig, options: PushConfigOptions): Promise<void>;
  /**
   * Merges keys into the pushed config, keeping its source; the next `pushConfig` replaces them.
   * @example await project.updatePushedConfig({ "teams.createPersonalTeamOnSignUp": true });
   */
  updatePushedConfig(config: HexclaveConfig): Promise<void>;
  /**
   * Where the pushed config came from; `unlinked` when it may be edited in place.
   * @example if ((await project.getPushedConfigSource()).type === "pushed-from-github") showRepositoryLink();
   */
  getPushedConfigSource(): Promise<PushedConfigSource>;
  /**
   * Detaches the pushed config from its source, keeping its values, so it can be edited in place.
   * @example await project.unlinkPushedConfigSource();
   */
  unlinkPushedConfigSource(): Promise<void>;
  /**
   * Removes keys from one level; removing `a.b` also removes `a.b.c`, so a lower level's value shows through again.
   * @example await project.resetConfigOverrideKeys("environment", ["teams.allowClientTeamCreation"]);
   */
  resetConfigOverrideKeys(level: ConfigOverrideLevel, keys: string[]): Promise<void>;
  /**
   * One level's override as stored, before defaults and other levels are applied.
   * @example const pushed = await project.getConfigOverride("branch");
   */
  getConfigOverride(level: ConfigOverrideLevel): Promise<HexclaveConfig>;
  /**
   * Replaces one level's override entirely; the branch level keeps the source it has.
   * @example await project.replaceConfigOverride("environment", {});
   */
  replaceConfigOverride(level: ConfigOverrideLevel, config: HexclaveConfig): Promise<void>;
};

export function adminProjectConfigMethods(iface: AdminInterface): AdminProjectConfigMethods {
  return {
    getConfig: async () => configFromJsonString((await iface.getConfig()).config_string),
    updateConfig: (configOverride) => iface.updateConfigOverride("environment", configOverride),
    pushConfig: (config, options) => iface.setConfigOverride("branch", config, pushedConfigSourceToJson(options.source)),
    updatePushedConfig: (config) => iface.updateConfigOverride("branch", config),
    getPushedConfigSource: async () => pushedConfigSourceFromJson(await iface.getPushedConfigSource()),
    unlinkPushedConfigSource: () => iface.unlinkPushedConfigSource(),
    resetConfigOverrideKeys: (level, keys) => iface.resetConfigOverrideKeys(level, keys),
    getConfigOverride: async (level) => configFromJsonString((await iface.getConfigOverride(level)).config_string),
    replaceConfigOverride: async (level, config) => {
      // Replacing the branch level requires a source; the current one is passed back so a replace does not relink it.
      const source = level === "branch" ? await iface.getPushedConfigSource() : undefined;
      await iface.setConfigOverride(level, config, source);
    },
  };
}
