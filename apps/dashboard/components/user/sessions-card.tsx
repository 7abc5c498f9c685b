"use client";
import type { ServerUser } from "@stackframe/stack";
import { ConfirmButton } from "@/components/confirm-button";
import { EmptyState, Loaded } from "@/components/states";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { useAsync } from "@/lib/use-async";

export function SessionsCard({ user, reloadKey }: { user: ServerUser; reloadKey: number }) {
  const sessions = useAsync(() => user.getActiveSessions(), [user.id, reloadKey]);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Sessions</CardTitle>
        <CardDescription>Devices and browsers signed in as this user. Revoking one signs it out.</CardDescription>
      </CardHeader>
      <CardContent>
        <Loaded state={sessions} rows={2}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="No active sessions" />
            ) : (
              <Table>
                <caption className="sr-only">Sessions</caption>
                <TableHeader>
                  <TableRow>
                    <TableHead>Session</TableHead>
                    <TableHead>Started</TableHead>
                    <TableHead>Last used</TableHead>
                    <TableHead>
                      <span className="sr-only">Actions</span>
                    </TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {list.map((session) => (
                    <TableRow key={session.id} data-session-id={session.id}>
                      <TableCell className="flex items-center gap-2">
                        <span className="font-mono text-xs">{session.id.slice(0, 8)}</span>
                        {session.isImpersonation ? <Badge>Impersonation</Badge> : null}
                      </TableCell>
                      <TableCell>{formatDateTime(session.createdAt)}</TableCell>
                      <TableCell>{formatDateTime(session.lastUsedAt)}</TableCell>
                      <TableCell className="text-right">
                        <ConfirmButton
                          size="sm"
                          variant="outline"
                          title="Revoke this session?"
                          description="That device is signed out the next time its access token expires (within minutes)."
                          confirmLabel="Revoke session"
                          aria-label={`Revoke session ${session.id.slice(0, 8)}`}
                          onConfirm={async () => {
                            await user.revokeSession(session.id);
                            sessions.reload();
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
