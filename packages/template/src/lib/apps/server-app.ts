import { ServerInterface, type ServerTeamJson, type ServerUserJson } from "@stackframe/stack-shared";
import { type DataVaultStore, dataVaultStore } from "../data-vault.js";
import { envDefault } from "../env.js";
import { type ServerTeam, type ServerTeamCreateOptions, serverTeamCreateToJson, serverTeamFromJson } from "../objects/server-team.js";
import {
  type ServerUser,
  type ServerUserCreateOptions,
  serverUserCreateToJson,
  serverUserFromJson,
} from "../objects/server-user.js";
import { type ListOutboxEmailsOptions, type OutboxEmailPage, outboxEmailFromJson } from "../objects/outbox-email.js";
import type { CurrentUser } from "../objects/user.js";
import type { TokenStoreInit } from "../token-stores/token-store.js";
import type { HexclaveServerAppOptions } from "./app-options.js";
import { type GetUserOptions, HexclaveClientApp } from "./client-app.js";

/** The signed-in user with the server's view and powers; what only a session can do comes from the user's own view. */
export type CurrentServerUser = ServerUser & Omit<CurrentUser, keyof ServerUser>;

export type ServerUserList = ServerUser[] & { nextCursor: string | null };

export type ServerTeamList = ServerTeam[] & { nextCursor: string | null };

/** Checks an API key your users send you; null for any key that is not valid (unknown, expired, revoked, other type). */
export type ApiKeyLookup = { apiKey: string };

export type ListUsersOptions = {
  limit?: number;
  cursor?: string;
  orderBy?: "signedUpAt" | "lastActiveAt";
  desc?: boolean;
  query?: string;
  includeAnonymous?: boolean;
  includeRestricted?: boolean;
  /** Only members of this team. */
  teamId?: string;
};

/**
 * The app for your server: everything the client app does, plus any user of the project.
 * @example
 * const app = new HexclaveServerApp({ tokenStore: "nextjs-cookie" }); // keys from HEXCLAVE_* env
 * const users = await app.listUsers({ limit: 20 });
 */
export class HexclaveServerApp extends HexclaveClientApp {
  declare protected readonly iface: ServerInterface;

  constructor(options: HexclaveServerAppOptions) {
    super({ ...options, tokenStore: options.tokenStore ?? null });
  }

  protected override createInterface(): ServerInterface {
    return new ServerInterface(this.httpOptions());
  }

  protected override httpOptions() {
    return { ...super.httpOptions(), secretServerKey: this.options.secretServerKey ?? envDefault("secretServerKey") };
  }

  async createUser(options: ServerUserCreateOptions): Promise<ServerUser> {
    return this.serverUserFromJson(await this.iface.createUser(serverUserCreateToJson(options)));
  }

  async listUsers(options: ListUsersOptions = {}): Promise<ServerUserList> {
    const list = await this.iface.listUsers({
      limit: options.limit,
      cursor: options.cursor,
      order_by: options.orderBy === "lastActiveAt" ? "last_active_at" : options.orderBy === "signedUpAt" ? "signed_up_at" : undefined,
      desc: options.desc,
      query: options.query,
      include_anonymous: options.includeAnonymous,
      include_restricted: options.includeRestricted,
      team_id: options.teamId,
    });
    return Object.assign(
      list.items.map((json) => this.serverUserFromJson(json)),
      { nextCursor: list.pagination?.next_cursor ?? null },
    );
  }

  /**
   * `getUser(id)`: any user of the project, or null. `getUser({ apiKey })`: the owner of a user API key, or null.
   * `getUser()`: the signed-in user, with the server's view.
   * @example
   * const user = await app.getUser({ apiKey: request.headers.get("x-api-key") ?? "" }); // null for a revoked key
   */
  override async getUser(options: GetUserOptions & { or: "redirect" | "throw" | "anonymous" }): Promise<CurrentServerUser>;
  override async getUser(options?: GetUserOptions): Promise<CurrentServerUser | null>;
  override async getUser(userId: string): Promise<ServerUser | null>;
  override async getUser(options: ApiKeyLookup & { or?: "return-null" | "anonymous" }): Promise<ServerUser | null>;
  override async getUser(arg?: string | GetUserOptions | ApiKeyLookup): Promise<ServerUser | CurrentServerUser | null> {
    if (typeof arg === "object" && "apiKey" in arg) {
      const key = await this.iface.checkApiKey("user", arg.apiKey);
      return key?.type === "user" ? await this.getUser(key.user_id) : null;
    }
    if (typeof arg === "string") {
      const json = await this.iface.getUser(arg);
      return json && this.serverUserFromJson(json);
    }
    const session = await this.getSession(arg?.tokenStore);
    const json = await this.iface.getUserOfSession(session);
    if (json) return this.currentServerUser(json, arg?.tokenStore);
    if (arg?.or !== "anonymous") return await this.noUser(arg?.or);
    await super.getUser(arg);
    return await this.getUser({ ...arg, or: "throw" });
  }

  /**
   * A team whose members are `creatorUserId` (if given) and nobody else.
   * @example const team = await app.createTeam({ displayName: "Acme", creatorUserId: user.id });
   */
  async createTeam(options: ServerTeamCreateOptions): Promise<ServerTeam> {
    return this.serverTeamFromJson(await this.iface.createServerTeam(serverTeamCreateToJson(options)));
  }

  /** Every team of the project, oldest first. The API does not paginate teams, so `nextCursor` is always null. */
  async listTeams(): Promise<ServerTeamList> {
    return Object.assign((await this.iface.listTeams()).map((json) => this.serverTeamFromJson(json)), { nextCursor: null });
  }

  /**
   * `getTeam(id)`: any team of the project, or null. `getTeam({ apiKey })`: the team of a team API key, or null.
   * @example const team = await app.getTeam({ apiKey }); // null for an expired key
   */
  async getTeam(teamIdOrLookup: string | ApiKeyLookup): Promise<ServerTeam | null> {
    const teamId =
      typeof teamIdOrLookup === "string"
        ? teamIdOrLookup
        : await this.iface.checkApiKey("team", teamIdOrLookup.apiKey).then((key) => (key?.type === "team" ? key.team_id : null));
    const json = teamId === null ? null : await this.iface.getTeam(teamId);
    return json && this.serverTeamFromJson(json);
  }

  /** Every permission grant of every member of a team in one request (direct ones unless `recursive`). */
  async listTeamMemberPermissions(teamId: string, options: { recursive?: boolean } = {}): Promise<{ userId: string; permissionId: string }[]> {
    const permissions = await this.iface.listTeamPermissions({ team_id: teamId, recursive: options.recursive ?? false });
    return permissions.map((permission) => ({ userId: permission.user_id, permissionId: permission.id }));
  }

  /**
   * A page of the project's emails, newest first, with how each one's delivery went; pass `nextCursor` back for the next.
   * @example
   * const { items, nextCursor } = await app.listOutboxEmails({ simpleStatus: "error", limit: 20 });
   */
  async listOutboxEmails(options: ListOutboxEmailsOptions = {}): Promise<OutboxEmailPage> {
    const page = await this.iface.listOutboxEmails({
      status: options.status,
      simple_status: options.simpleStatus,
      limit: options.limit,
      cursor: options.cursor,
    });
    return { items: page.items.map(outboxEmailFromJson), nextCursor: page.pagination?.next_cursor ?? null };
  }

  /**
   * A store of the project's data vault (`dataVault.stores` in its config). Values are encrypted here with `secret`,
   * which never leaves this server; Hexclave keeps only the ciphertext.
   * @example
   * const vault = await app.getDataVaultStore("provider-tokens");
   * await vault.setValue(user.id, token, { secret: process.env.VAULT_SECRET! });
   */
  async getDataVaultStore(id: string): Promise<DataVaultStore> {
    return dataVaultStore(this.iface, id);
  }

  protected serverUserFromJson(json: ServerUserJson): ServerUser {
    return serverUserFromJson(json, {
      iface: this.iface,
      serverTeamFromJson: (team) => this.serverTeamFromJson(team),
      verificationCallbackUrl: (explicit) => this.callbackUrl(explicit, this.urls.emailVerification),
    });
  }

  protected serverTeamFromJson(json: ServerTeamJson): ServerTeam {
    return serverTeamFromJson(json, {
      iface: this.iface,
      teamInvitationUrl: (explicit) => this.callbackUrl(explicit, this.urls.teamInvitation),
      serverUserFromJson: (user) => this.serverUserFromJson(user),
    });
  }

  protected currentServerUser(json: ServerUserJson, tokenStore?: TokenStoreInit): CurrentServerUser {
    const serverUser = this.serverUserFromJson(json);
    return { ...this.currentUserFromJson(serverUser.toClientJson(), tokenStore), ...serverUser };
  }

}
