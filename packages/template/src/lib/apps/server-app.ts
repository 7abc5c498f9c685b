import { ServerInterface, type ServerUserJson } from "@stackframe/stack-shared";
import { envDefault } from "../env.js";
import {
  type ServerUser,
  type ServerUserCreateOptions,
  serverUserCreateToJson,
  serverUserFromJson,
} from "../objects/server-user.js";
import type { CurrentUser } from "../objects/user.js";
import type { TokenStoreInit } from "../token-stores/token-store.js";
import type { HexclaveServerAppOptions } from "./app-options.js";
import { type GetUserOptions, HexclaveClientApp } from "./client-app.js";

/** The signed-in user with the server's view and powers; what only a session can do comes from the user's own view. */
export type CurrentServerUser = ServerUser & Omit<CurrentUser, keyof ServerUser>;

export type ServerUserList = ServerUser[] & { nextCursor: string | null };

export type ListUsersOptions = {
  limit?: number;
  cursor?: string;
  orderBy?: "signedUpAt" | "lastActiveAt";
  desc?: boolean;
  query?: string;
  includeAnonymous?: boolean;
  includeRestricted?: boolean;
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
    });
    return Object.assign(
      list.items.map((json) => this.serverUserFromJson(json)),
      { nextCursor: list.pagination?.next_cursor ?? null },
    );
  }

  /** `getUser(id)`: any user of the project, or null. `getUser()` : the signed-in user, with the server's view. */
  override async getUser(options: GetUserOptions & { or: "redirect" | "throw" | "anonymous" }): Promise<CurrentServerUser>;
  override async getUser(options?: GetUserOptions): Promise<CurrentServerUser | null>;
  override async getUser(userId: string): Promise<ServerUser | null>;
  override async getUser(arg?: string | GetUserOptions): Promise<ServerUser | CurrentServerUser | null> {
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

  protected serverUserFromJson(json: ServerUserJson): ServerUser {
    return serverUserFromJson(json, { iface: this.iface });
  }

  protected currentServerUser(json: ServerUserJson, tokenStore?: TokenStoreInit): CurrentServerUser {
    const serverUser = this.serverUserFromJson(json);
    return { ...this.currentUserFromJson(serverUser.toClientJson(), tokenStore), ...serverUser };
  }

}
