"use client";
import type { ServerContactChannel, ServerUser } from "@stackframe/stack";
import { MailCheck, Trash2 } from "lucide-react";
import { useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { FormError } from "@/components/form";
import { EmptyState, Loaded } from "@/components/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Switch } from "@/components/ui/switch";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useAppPages, useProjectConfig } from "@/lib/config";
import { errorMessage } from "@/lib/errors";
import { useAsync } from "@/lib/use-async";
import { LazyAddContactChannelForm } from "../lazy";

const NO_DOMAIN_HINT = "contact-channels-no-domain";

/** A user's email addresses: whether each is verified, primary and used for sign-in, and changing any of that. */
export function ContactChannelsCard({ user, reloadKey, onChange }: { user: ServerUser; reloadKey: number; onChange: () => void }) {
  const channels = useAsync(() => user.listContactChannels(), [user.id, reloadKey]);
  const { state: config } = useProjectConfig();
  const appPages = useAppPages();
  const appUrl = appPages?.appUrl ?? null;
  const noDomain = config.status === "ready" && !appUrl;
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  // Every change but a sent email can move the user's primary email or sign-in methods, so the whole page reloads.
  const run = async (action: () => Promise<unknown>, success: string, reload = true) => {
    setBusy(true);
    setMessage(null);
    try {
      await action();
      setMessage({ text: success, error: false });
      if (reload) onChange();
    } catch (caught) {
      setMessage({ text: errorMessage(caught), error: true });
    } finally {
      setBusy(false);
    }
  };
  const sendVerification = (channel: ServerContactChannel) =>
    run(
      async () => {
        const error = await channel.sendVerificationEmail({ callbackUrl: appPages?.handlerPage("email-verification") });
        if (error) throw error;
      },
      `A verification email is on its way to ${channel.value}.`,
      false,
    );

  return (
    <Card>
      <CardHeader>
        <CardTitle>Contact channels</CardTitle>
        <CardDescription>The user's email addresses: which one is primary, which are verified and which they can sign in with.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <Loaded state={channels} rows={2}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="No email addresses" />
            ) : (
              <Table>
                <caption className="sr-only">Contact channels</caption>
                <TableHeader>
                  <TableRow>
                    <TableHead>Email</TableHead>
                    <TableHead>Primary</TableHead>
                    <TableHead>Verified</TableHead>
                    <TableHead>Used for sign-in</TableHead>
                    <TableHead>
                      <span className="sr-only">Actions</span>
                    </TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {list.map((channel) => (
                    <TableRow key={channel.id} data-contact-channel-id={channel.id}>
                      <TableCell className="break-all font-medium">{channel.value}</TableCell>
                      <TableCell>
                        {channel.isPrimary ? (
                          <Badge>Primary</Badge>
                        ) : (
                          <Button
                            size="sm"
                            variant="outline"
                            disabled={busy}
                            onClick={() => run(() => channel.update({ isPrimary: true }), `${channel.value} is now the primary email.`)}
                          >
                            Make primary<span className="sr-only"> {channel.value}</span>
                          </Button>
                        )}
                      </TableCell>
                      <TableCell>
                        <Switch
                          aria-label={`Verified: ${channel.value}`}
                          checked={channel.isVerified}
                          disabled={busy}
                          onCheckedChange={(checked) =>
                            run(() => channel.update({ isVerified: checked }), `Marked ${channel.value} ${checked ? "verified" : "unverified"}.`)
                          }
                        />
                      </TableCell>
                      <TableCell>
                        <Switch
                          aria-label={`Used for sign-in: ${channel.value}`}
                          checked={channel.usedForAuth}
                          disabled={busy}
                          onCheckedChange={(checked) =>
                            run(
                              () => channel.update({ usedForAuth: checked }),
                              checked ? `${channel.value} can be used to sign in.` : `${channel.value} is no longer used to sign in.`,
                            )
                          }
                        />
                      </TableCell>
                      <TableCell>
                        <div className="flex items-center justify-end gap-1">
                          {channel.isVerified ? null : (
                            <Button
                              size="icon"
                              variant="ghost"
                              aria-label={`Send a verification email to ${channel.value}`}
                              aria-describedby={noDomain ? NO_DOMAIN_HINT : undefined}
                              title={appUrl ? undefined : "Add a trusted domain first: the verification link opens your app."}
                              disabled={!appUrl || busy}
                              onClick={() => sendVerification(channel)}
                            >
                              <MailCheck aria-hidden />
                            </Button>
                          )}
                          <ConfirmButton
                            size="icon"
                            variant="ghost"
                            aria-label={`Remove ${channel.value}`}
                            title={`Remove ${channel.value}?`}
                            description={
                              channel.usedForAuth ? "The user can no longer sign in with this address." : "The address is removed from the user's account."
                            }
                            confirmLabel="Remove email"
                            onConfirm={async () => {
                              await channel.delete();
                              setMessage({ text: `Removed ${channel.value}.`, error: false });
                              onChange();
                            }}
                          >
                            <Trash2 aria-hidden />
                          </ConfirmButton>
                        </div>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )
          }
        </Loaded>
        {noDomain ? (
          <p id={NO_DOMAIN_HINT} className="text-xs text-muted-foreground">
            Verification emails need a trusted domain (see Domains): the link in them opens your app.
          </p>
        ) : null}
        {message ? message.error ? <FormError message={message.text} /> : <output className="block text-sm text-success">{message.text}</output> : null}
        <LazyAddContactChannelForm
          user={user}
          onAdded={(value) => {
            setMessage({ text: `Added ${value}.`, error: false });
            onChange();
          }}
        />
      </CardContent>
    </Card>
  );
}
