"use client";
import { zodResolver } from "@/lib/zod-resolver";
import type { ServerTeam } from "@stackframe/stack";
import { useForm } from "react-hook-form";
import * as z from "zod/mini";
import { Field, submitTo } from "@/components/form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { useAdminApp } from "@/lib/projects";

export const teamNameSchema = z.string().check(z.trim(), z.minLength(1, "Give the team a name."), z.maxLength(256, "A team name has at most 256 characters."));

const schema = z.object({ displayName: teamNameSchema });

type Values = z.infer<typeof schema>;

/** Creates a team with no members; people join it from its page. */
export function NewTeamDialog({ open, onOpenChange, onCreated }: { open: boolean; onOpenChange: (open: boolean) => void; onCreated: (team: ServerTeam) => void }) {
  const app = useAdminApp();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { displayName: "" } });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    await submitTo(form, "displayName", async () => {
      const team = await app.createTeam({ displayName: values.displayName });
      form.reset();
      onCreated(team);
    });
  });
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="New team" description="The team starts empty: add members or invite them from its page.">
        <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
          <Field id="team-name" label="Team name" error={errors.displayName?.message}>
            {(props) => <Input {...props} {...form.register("displayName")} placeholder="Acme Inc." autoComplete="off" />}
          </Field>
          <DialogFooter>
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? "Creating…" : "Create team"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
