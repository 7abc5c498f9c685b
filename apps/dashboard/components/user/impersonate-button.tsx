"use client";
import type { ServerUser } from "@stackframe/stack";
import { ExternalLink, UserRoundCog } from "lucide-react";
import { useState } from "react";
import { CodeBlock } from "@/components/copy-button";
import { ErrorState } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { impersonationSnippet } from "@/lib/impersonation";
import { useAdminApp } from "@/lib/projects";

const TWO_HOURS = 2 * 60 * 60 * 1000;

/** Opens an impersonation session (marked as such in every session list) and hands it to the app's site. */
export function ImpersonateButton({ user, appUrl, onCreated }: { user: ServerUser; appUrl: string | null; onCreated: () => void }) {
  const app = useAdminApp();
  const [snippet, setSnippet] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState(false);
  const start = async () => {
    setOpen(true);
    setSnippet(null);
    setError(null);
    try {
      const session = await user.createSession({ expiresInMillis: TWO_HOURS, isImpersonation: true });
      const { refreshToken } = await session.getTokens();
      if (!refreshToken) throw new Error("The backend opened the session without a refresh token.");
      setSnippet(impersonationSnippet(app.toClientJson().projectId, refreshToken, new Date(Date.now() + TWO_HOURS)));
      onCreated();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <>
      <Button variant="outline" onClick={start}>
        <UserRoundCog aria-hidden /> Impersonate
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent
          title={`Impersonate ${user.displayName ?? user.primaryEmail ?? "this user"}`}
          description="A two-hour session as this user. Open your app, then run this in its browser console."
          className="max-w-2xl"
        >
          {error ? <ErrorState error={error} /> : null}
          {snippet ? <CodeBlock label="Impersonation snippet" code={snippet} /> : error ? null : <p className="text-sm">Opening a session…</p>}
          {appUrl ? (
            <Button asChild variant="outline" className="self-start">
              <a href={appUrl} target="_blank" rel="noreferrer">
                <ExternalLink aria-hidden /> Open {appUrl}
              </a>
            </Button>
          ) : (
            <p className="text-sm text-muted-foreground">Add your app's URL under Domains to get a link to it here.</p>
          )}
          <p className="text-xs text-muted-foreground">The session is listed as an impersonation; revoke it under Sessions when you are done.</p>
        </DialogContent>
      </Dialog>
    </>
  );
}
