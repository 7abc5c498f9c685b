import type { Command } from "commander";
import { credentialsPath, deleteCredentials } from "../lib/credentials";
import { createUi } from "../lib/ui";

export function registerLogoutCommand(program: Command): void {
  program
    .command("logout")
    .description("Forget the saved login")
    .action(() => {
      const ui = createUi();
      if (deleteCredentials()) ui.success(`Logged out (removed ${credentialsPath()}).`);
      else ui.info("Not logged in: nothing to forget.");
    });
}
