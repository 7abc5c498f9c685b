import { z } from "../../lib/zod";

const name = () => z.string().min(1).max(1024);

export const configSourceSchema = z
  .discriminatedUnion("type", [
    z
      .object({
        type: z.literal("pushed-from-github"),
        owner: name(),
        repo: name(),
        branch: name(),
        commit_hash: name(),
        config_file_path: name(),
        workflow_path: name().optional(),
      })
      .strict(),
    z.object({ type: z.literal("pushed-from-unknown") }).strict(),
    z.object({ type: z.literal("unlinked") }).strict(),
  ])
  .openapi("ConfigSource", { description: "Where the branch level of the config came from." });

export const configStringResponse = z
  .object({ config_string: z.string().openapi({ description: "A JSON object, as a string." }) })
  .strict()
  .openapi("ConfigString");

export const configSourceResponse = z.object({ source: configSourceSchema }).strict().openapi("ConfigSourceResponse");
