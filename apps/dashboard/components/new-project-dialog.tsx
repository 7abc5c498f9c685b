"use client";
import { zodResolver } from "@/lib/zod-resolver";
import type { Team } from "@stackframe/stack";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import * as z from "zod/mini";
import { useProjects } from "@/lib/projects";
import { useAsync } from "@/lib/use-async";
import { Field, FormError, submitTo } from "./form";
import { Button } from "./ui/button";
import { Checkbox } from "./ui/checkbox";
import { Dialog, DialogContent, DialogFooter } from "./ui/dialog";
import { Input } from "./ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "./ui/select";

export const SIGN_IN_METHODS = [
  { key: "auth.password.allowSignIn", label: "Email and password" },
  { key: "auth.otp.allowSignIn", label: "Magic link and one-time code" },
  { key: "auth.passkey.allowSignIn", label: "Passkeys" },
] as const;

const schema = z.object({
  displayName: z.string().check(z.trim(), z.minLength(1, "Give the project a name."), z.maxLength(256, "A project name has at most 256 characters.")),
  teamId: z.string().check(z.minLength(1, "Choose the team that owns the project.")),
  methods: z.array(z.string()),
});

type Values = z.infer<typeof schema>;

export function NewProjectDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const { user, projects } = useProjects();
  const router = useRouter();
  const teams = useAsync<Team[]>(async () => (user ? await user.listTeams() : []), [user?.id, open]);
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    values: { displayName: "", teamId: user?.selectedTeam?.id ?? "", methods: ["auth.password.allowSignIn"] },
    resetOptions: { keepDirtyValues: true },
  });
  const [submitting, setSubmitting] = useState(false);
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    if (!user) return;
    setSubmitting(true);
    let createdId: string | null = null;
    const ok = await submitTo(form, "displayName", async () => {
      const project = await user.createProject({ displayName: values.displayName, teamId: values.teamId });
      createdId = project.id;
      const chosen = Object.fromEntries(SIGN_IN_METHODS.map((method) => [method.key, values.methods.includes(method.key)]));
      await (await project.app.getProject()).updateConfig(chosen);
    });
    setSubmitting(false);
    if (!createdId) return;
    projects.reload();
    onOpenChange(false);
    form.reset();
    router.push(`/projects/${createdId}${ok ? "/setup" : "/auth-methods"}`);
  });

  const teamList = teams.status === "ready" ? teams.data : [];
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="New project" description="A project holds its own users, teams, keys and settings.">
        <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
          <Field id="project-name" label="Project name" error={errors.displayName?.message}>
            {(props) => <Input {...props} {...form.register("displayName")} autoComplete="off" placeholder="My app" />}
          </Field>
          <Field id="project-team" label="Owner team" hint="Every member of this team can manage the project." error={errors.teamId?.message}>
            {(props) => (
              <Controller
                control={form.control}
                name="teamId"
                render={({ field }) => (
                  <Select value={field.value} onValueChange={field.onChange}>
                    <SelectTrigger {...props}>
                      <SelectValue placeholder={teams.status === "loading" ? "Loading teams…" : "Choose a team"} />
                    </SelectTrigger>
                    <SelectContent>
                      {teamList.map((team) => (
                        <SelectItem key={team.id} value={team.id}>
                          {team.displayName}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                )}
              />
            )}
          </Field>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-2 text-sm font-medium">Sign-in methods to start with</legend>
            <Controller
              control={form.control}
              name="methods"
              render={({ field }) => (
                <>
                  {SIGN_IN_METHODS.map((method) => (
                    <label key={method.key} className="flex items-center gap-2 text-sm" htmlFor={`method-${method.key}`}>
                      <Checkbox
                        id={`method-${method.key}`}
                        checked={field.value.includes(method.key)}
                        onCheckedChange={(checked) =>
                          field.onChange(checked ? [...field.value, method.key] : field.value.filter((key) => key !== method.key))
                        }
                      />
                      {method.label}
                    </label>
                  ))}
                </>
              )}
            />
          </fieldset>
          <FormError message={errors.root?.message} />
          <DialogFooter>
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={submitting}>
              {submitting ? "Creating…" : "Create project"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
