"use client";
import { zodResolver } from "@/lib/zod-resolver";
import type { HexclaveAdminApp, ServerTeam } from "@stackframe/stack";
import { UserPlus } from "lucide-react";
import { useForm } from "react-hook-form";
import * as z from "zod/mini";
import { Field, submitTo } from "@/components/form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useAdminApp } from "@/lib/projects";

const isEmail = (value: string) => z.string().check(z.regex(z.regexes.email)).safeParse(value).success;
const isUserId = (value: string) => z.string().check(z.regex(z.regexes.uuid())).safeParse(value).success;

const schema = z.object({
  lookup: z.string().check(
    z.trim(),
    z.minLength(1, "Enter the user's id or email address."),
    z.refine((value) => isEmail(value) || isUserId(value), "Enter a user id (like 3f2b…-…) or an email address, like ada@example.com."),
  ),
});

type Values = z.infer<typeof schema>;

/** The id of the user an email or id names; a plain sentence when nobody matches, shown beside the field. */
async function findUserId(app: HexclaveAdminApp, lookup: string): Promise<string> {
  if (isUserId(lookup)) {
    const user = await app.getUser(lookup);
    if (!user) throw new Error(`No user has the id ${lookup}.`);
    return user.id;
  }
  // The search matches names and emails loosely; only an exact email (in any case) counts here.
  const candidates = await app.listUsers({ query: lookup, limit: 20, includeRestricted: true });
  const match = candidates.find((user) => user.primaryEmail?.toLowerCase() === lookup.toLowerCase());
  if (!match) throw new Error(`No user has the primary email ${lookup}.`);
  return match.id;
}

export function AddMemberForm({ team, onAdded }: { team: ServerTeam; onAdded: () => void }) {
  const app = useAdminApp();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { lookup: "" } });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    const added = await submitTo(form, "lookup", async () => {
      await team.addUser(await findUserId(app, values.lookup));
    });
    if (added) {
      form.reset();
      onAdded();
    }
  });
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-2" noValidate>
      <Field id="team-add-member" label="Add a member" hint="The user's id or primary email address." error={errors.lookup?.message}>
        {(props) => (
          <div className="flex gap-2">
            <Input {...props} {...form.register("lookup")} className="max-w-sm" placeholder="ada@example.com" autoComplete="off" />
            <Button type="submit" variant="outline" disabled={isSubmitting}>
              <UserPlus aria-hidden /> {isSubmitting ? "Adding…" : "Add member"}
            </Button>
          </div>
        )}
      </Field>
    </form>
  );
}
