import { Command } from "commander";
import { registerConfigCommand } from "./commands/config";
import { registerInitCommand } from "./commands/init";
import { registerKeysCommand } from "./commands/keys";
import { registerLoginCommand } from "./commands/login";
import { registerLogoutCommand } from "./commands/logout";
import { registerProjectsCommand } from "./commands/projects";
import { CliError } from "./lib/ui";
import packageJson from "../package.json";

const program = new Command("hexclave")
  .description("Hexclave from the command line")
  .version(packageJson.version)
  .option("--api-url <url>", "the Hexclave API (default: HEXCLAVE_API_URL, the saved login's, then https://api.hexclave.com)")
  .option("--app-url <url>", "where the browser approves a login (default: HEXCLAVE_DASHBOARD_URL, then https://app.hexclave.com)");

registerInitCommand(program);
registerLoginCommand(program);
registerLogoutCommand(program);
registerProjectsCommand(program);
registerKeysCommand(program);
registerConfigCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Expected failures get one line; anything else keeps its stack, for a bug report.
  console.error(error instanceof CliError ? `Error: ${error.message}` : error);
  process.exitCode = 1;
}
