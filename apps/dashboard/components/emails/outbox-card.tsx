"use client";
import type { OutboxEmail } from "@stackframe/stack";
import { useState } from "react";
import { type CursorPages, CursorPager } from "@/components/cursor-pager";
import { EmptyState, ErrorState, LoadingRows } from "@/components/states";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { useAdminApp } from "@/lib/projects";
import { useAsync } from "@/lib/use-async";

const PAGE_SIZE = 25;

function StatusBadge({ email }: { email: OutboxEmail }) {
  if (email.simpleStatus === "ok") return <Badge variant="success">{email.status}</Badge>;
  if (email.simpleStatus === "error") return <Badge variant="destructive">{email.status}</Badge>;
  return <Badge variant="outline">{email.status}</Badge>;
}

/** Every email the project sent or is sending, newest first, with its retries and the last delivery error. */
export function OutboxCard() {
  const app = useAdminApp();
  const [pages, setPages] = useState<CursorPages>([undefined]);
  const cursor = pages[pages.length - 1];
  const page = useAsync(() => app.listOutboxEmails({ limit: PAGE_SIZE, cursor }), [app, cursor]);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Outbox</CardTitle>
        <CardDescription>Emails are retried when the server refuses them for a while; the last error is kept.</CardDescription>
      </CardHeader>
      <CardContent>
        {page.status === "loading" ? (
          <LoadingRows rows={4} label="Loading emails" />
        ) : page.status === "error" ? (
          <ErrorState error={page.error} onRetry={page.reload} />
        ) : page.data.items.length === 0 ? (
          <EmptyState title="No emails yet">Verification and sign-in emails show up here as they are sent.</EmptyState>
        ) : (
          <>
            <Table>
              <caption className="sr-only">Outbox</caption>
              <TableHeader>
                <TableRow>
                  <TableHead>Subject</TableHead>
                  <TableHead>To</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead>Retries</TableHead>
                  <TableHead>Queued</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {page.data.items.map((email) => (
                  <TableRow key={email.id}>
                    <TableCell>
                      <span className="font-medium">{email.subject}</span>
                      {email.sendAttemptErrors.length > 0 ? (
                        <span className="block max-w-md truncate text-xs text-destructive" title={email.sendAttemptErrors.at(-1)}>
                          {email.sendAttemptErrors.at(-1)}
                        </span>
                      ) : null}
                    </TableCell>
                    <TableCell className="text-sm">{email.to.emails.join(", ")}</TableCell>
                    <TableCell>
                      <StatusBadge email={email} />
                    </TableCell>
                    <TableCell className="tabular-nums">{email.sendRetries}</TableCell>
                    <TableCell className="whitespace-nowrap text-sm">{formatDateTime(email.createdAt)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <CursorPager pages={pages} setPages={setPages} nextCursor={page.data.nextCursor} className="mt-3" />
          </>
        )}
      </CardContent>
    </Card>
  );
}
