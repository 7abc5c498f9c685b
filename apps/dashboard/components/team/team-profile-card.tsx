"use client";
import { zodResolver } from "@/lib/zod-resolver";
import type { ServerTeam } from "@stackframe/stack";
import { useForm } from "react-hook-form";
import * as z from "zod/mini";
import { Field, submitTo } from "@/components/form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { formatDateTime } from "@/lib/format";
import { teamNameSchema } from "./new-team-dialog";

const schema = z.object({ displayName: teamNameSchema });

type Values = z.infer<typeof schema>;

export function TeamProfileCard({ team, onChange }: { team: ServerTeam; onChange: () => void }) {
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    values: { displayName: team.displayName },
    // The team is read again after a rename; keep "Saved." on screen when its new values arrive.
    resetOptions: { keepIsSubmitSuccessful: true },
  });
  const { errors, isDirty, isSubmitting, isSubmitSuccessful } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    if (await submitTo(form, "displayName", () => team.update({ displayName: values.displayName }))) onChange();
  });
  const facts: [string, string][] = [
    ["Team id", team.id],
    ["Created", formatDateTime(team.createdAt)],
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle>Profile</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-6 md:grid-cols-2">
        <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
          <Field id="team-display-name" label="Team name" error={errors.displayName?.message}>
            {(props) => <Input {...props} {...form.register("displayName")} autoComplete="off" />}
          </Field>
          <div className="flex items-center gap-3">
            <Button type="submit" size="sm" disabled={!isDirty || isSubmitting}>
              {isSubmitting ? "Saving…" : "Rename team"}
            </Button>
            <span aria-live="polite" className="text-sm text-muted-foreground">
              {isSubmitSuccessful && !isDirty ? "Saved." : ""}
            </span>
          </div>
        </form>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          {facts.map(([term, detail]) => (
            <div key={term} className="contents">
              <dt className="text-muted-foreground">{term}</dt>
              <dd className="break-all font-mono text-xs leading-5">{detail}</dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}
