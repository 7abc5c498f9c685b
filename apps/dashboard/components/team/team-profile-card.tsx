"use client";
import { zodResolver } from "@/lib/zod-resolver";
import type { ServerTeam } from "@stackframe/stack";
import { useForm } from "react-hook-form";
import * as z from "zod/mini";
import { FactList } from "@/components/fact-list";
import { Field, SubmitRow, submitTo } from "@/components/form";
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
  const { errors } = form.formState;
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
          <SubmitRow label="Rename team" state={form.formState} />
        </form>
        <FactList facts={facts} />
      </CardContent>
    </Card>
  );
}
