import { HexclaveClientApp } from "@stackframe/js";
import type { Command } from "commander";
import { type GlobalOptions, INTERNAL_PROJECT_ID, resolveApiSettings, resolveAppUrl } from "../lib/api";
import { writeCredentials } from "../lib/credentials";
import { CliError, createUi } from "../lib/ui";

export function registerLoginCommand(program: Command): void {
  program
    .command("login")
    .description("Log in through the browser; the login is kept in your config directory")
    .action(async (_options: object, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const ui = createUi();
      const settings = resolveApiSettings(globals);
      const app = new HexclaveClientApp({
        projectId: INTERNAL_PROJECT_ID,
        baseUrl: settings.apiUrl,
        publishableClientKey: settings.publishableClientKey,
        tokenStore: "memory",
      });
      const result = await app
        .promptCliLogin({
          appUrl: resolveAppUrl(globals),
          promptLink: (url) => {
            ui.info(`Open this link in your browser to log in:\n${url}`);
            ui.step("Waiting for the browser to approve…");
          },
        })
        .catch((error: Error) => {
          throw new CliError(`Could not start a login at ${settings.apiUrl}: ${error.message}`);
        });
      if (result.status === "error") throw new CliError(`Login failed: ${result.error.message}`);
      const path = writeCredentials({ refreshToken: result.data, apiUrl: settings.apiUrl });
      ui.success(`Logged in to ${settings.apiUrl} (saved in ${path}).`);
    });
}
