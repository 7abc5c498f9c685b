"use client";
import { zodResolver } from "@/lib/zod-resolver";
import type { ServerUser } from "@stackframe/stack";
import { useForm } from "react-hook-form";
import * as z from "zod/mini";
import { FactList } from "@/components/fact-list";
import { Field, SubmitRow, submitTo } from "@/components/form";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { formatDateTime } from "@/lib/format";

const schema = z.object({
  displayName: z.string().check(z.trim(), z.maxLength(256, "A display name has at most 256 characters.")),
  primaryEmail: z.union([z.literal(""), z.string().check(z.trim(), z.regex(z.regexes.email, "Enter an email address, like ada@example.com."))]),
});

type Values = z.infer<typeof schema>;

export function ProfileCard({ user, onChange }: { user: ServerUser; onChange: () => void }) {
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    values: { displayName: user.displayName ?? "", primaryEmail: user.primaryEmail ?? "" },
  });
  const { errors } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    const emailChanged = values.primaryEmail !== (user.primaryEmail ?? "");
    const field = emailChanged ? "primaryEmail" : "displayName";
    const ok = await submitTo(form, field, () =>
      user.update({ displayName: values.displayName || null, ...(emailChanged ? { primaryEmail: values.primaryEmail || null } : {}) }),
    );
    if (ok) onChange();
  });
  const facts: [string, string][] = [
    ["User id", user.id],
    ["Signed up", formatDateTime(user.signedUpAt)],
    ["Last active", formatDateTime(user.lastActiveAt)],
    ["Country", user.countryCode ?? "—"],
    ["Sign-in methods", [user.hasPassword && "password", user.otpAuthEnabled && "one-time code", user.passkeyAuthEnabled && "passkey", ...user.oauthProviders.map((provider) => provider.id)].filter(Boolean).join(", ") || "none"],
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle>Profile</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-6 md:grid-cols-2">
        <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
          <Field id="user-display-name" label="Display name" error={errors.displayName?.message}>
            {(props) => <Input {...props} {...form.register("displayName")} autoComplete="off" />}
          </Field>
          <Field id="user-primary-email" label="Primary email" error={errors.primaryEmail?.message}>
            {(props) => <Input {...props} type="email" {...form.register("primaryEmail")} autoComplete="off" />}
          </Field>
          <SubmitRow label="Save profile" state={form.formState} />
        </form>
        <FactList facts={facts} />
      </CardContent>
    </Card>
  );
}
