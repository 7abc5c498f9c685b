"use client";
import { zodResolver } from "@/lib/zod-resolver";
import type { ServerTeam } from "@stackframe/stack";
import { Send } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import * as z from "zod/mini";
import { ConfirmButton } from "@/components/confirm-button";
import { Field, submitTo } from "@/components/form";
import { EmptyState, Loaded } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useAppPages, useProjectConfig } from "@/lib/config";
import { formatDateTime } from "@/lib/format";
import { useAsync } from "@/lib/use-async";

const schema = z.object({ email: z.string().check(z.trim(), z.regex(z.regexes.email, "Enter an email address, like ada@example.com.")) });

type Values = z.infer<typeof schema>;

export function TeamInvitationsCard({ team }: { team: ServerTeam }) {
  const { state: config } = useProjectConfig();
  const appPages = useAppPages();
  const appUrl = appPages?.appUrl ?? null;
  const invitations = useAsync(() => team.listInvitations(), [team.id]);
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { email: "" } });
  const { errors, isSubmitting } = form.formState;
  const [sentTo, setSentTo] = useState<string | null>(null);
  const onSubmit = form.handleSubmit(async (values) => {
    if (!appUrl) return;
    setSentTo(null);
    // The link in the email opens the project's own app, which accepts the invitation for the signed-in user.
    const sent = await submitTo(form, "email", () => team.inviteUser({ email: values.email, callbackUrl: appPages?.handlerPage("team-invitation") }));
    if (sent) {
      form.reset();
      setSentTo(values.email);
      invitations.reload();
    }
  });
  const noDomain = config.status === "ready" && !appUrl;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Invitations</CardTitle>
        <CardDescription>Invited people join the team when they open the link in the email and sign in.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        <form onSubmit={onSubmit} className="flex flex-col gap-2" noValidate>
          <Field
            id="team-invite-email"
            label="Invite by email"
            hint={noDomain ? "Add your app's URL under Domains first: the invitation link opens your app." : undefined}
            error={errors.email?.message}
          >
            {(props) => (
              <div className="flex gap-2">
                <Input {...props} {...form.register("email")} type="email" className="max-w-sm" placeholder="ada@example.com" autoComplete="off" disabled={!appUrl} />
                <Button type="submit" variant="outline" disabled={!appUrl || isSubmitting}>
                  <Send aria-hidden /> {isSubmitting ? "Sending…" : "Send invitation"}
                </Button>
              </div>
            )}
          </Field>
          <span aria-live="polite" className="text-sm text-muted-foreground">
            {sentTo ? `An invitation is on its way to ${sentTo}.` : ""}
          </span>
        </form>
        <Loaded state={invitations} rows={2}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="No pending invitations" />
            ) : (
              <Table>
                <caption className="sr-only">Pending invitations</caption>
                <TableHeader>
                  <TableRow>
                    <TableHead>Email</TableHead>
                    <TableHead>Expires</TableHead>
                    <TableHead>
                      <span className="sr-only">Actions</span>
                    </TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {list.map((invitation) => (
                    <TableRow key={invitation.id}>
                      <TableCell>{invitation.recipientEmail ?? "—"}</TableCell>
                      <TableCell>{formatDateTime(invitation.expiresAt)}</TableCell>
                      <TableCell className="text-right">
                        <ConfirmButton
                          size="sm"
                          variant="outline"
                          title="Revoke this invitation?"
                          description="The link in the email stops working. You can invite them again later."
                          confirmLabel="Revoke invitation"
                          aria-label={`Revoke the invitation to ${invitation.recipientEmail ?? "this person"}`}
                          onConfirm={async () => {
                            await invitation.revoke();
                            invitations.reload();
                          }}
                        >
                          Revoke
                        </ConfirmButton>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )
          }
        </Loaded>
      </CardContent>
    </Card>
  );
}
