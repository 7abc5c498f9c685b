"use client";
import type { ServerUser } from "@stackframe/stack";
import { EmptyState, Loaded } from "@/components/states";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { readConfig, useProjectConfig } from "@/lib/config";
import { formatDate } from "@/lib/format";
import { useAsync } from "@/lib/use-async";

export function ApiKeysCard({ user }: { user: ServerUser }) {
  const { state: config } = useProjectConfig();
  const enabled = config.status === "ready" && readConfig(config.data, "apiKeys.enabled.user") === true;
  // With user API keys turned off the API refuses to list them; say so instead of showing that refusal as a failure.
  const keys = useAsync(async () => (enabled ? await user.listApiKeys() : null), [user.id, enabled]);
  return (
    <Card>
      <CardHeader>
        <CardTitle>API keys</CardTitle>
      </CardHeader>
      <CardContent>
        <Loaded state={keys} rows={2}>
          {(list) =>
            list === null ? (
              <p className="text-sm text-muted-foreground">User API keys are turned off for this project (see Auth methods).</p>
            ) : list.length === 0 ? (
              <EmptyState title="No API keys" />
            ) : (
              <ul className="flex flex-col gap-2 text-sm">
                {list.map((key) => (
                  <li key={key.id} className="flex items-center justify-between gap-2">
                    <span>
                      {key.description} <span className="font-mono text-xs text-muted-foreground">…{key.value.lastFour}</span>
                    </span>
                    <span className="flex items-center gap-2">
                      <span className="text-xs text-muted-foreground">created {formatDate(key.createdAt)}</span>
                      {key.manuallyRevokedAt ? <Badge variant="destructive">Revoked</Badge> : <Badge variant="success">Active</Badge>}
                    </span>
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
      </CardContent>
    </Card>
  );
}
