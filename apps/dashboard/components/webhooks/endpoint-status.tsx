"use client";
import type { WebhookEndpoint } from "@stackframe/stack";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";

/** On, turned off by an admin, or turned off by the server (its reason shown, since only an admin turns it back on). */
export function EndpointStatus({ endpoint, withReason = false }: { endpoint: WebhookEndpoint; withReason?: boolean }) {
  if (endpoint.enabled) return <Badge variant="success">Enabled</Badge>;
  if (!endpoint.disabledReason) return <Badge variant="outline">Disabled</Badge>;
  return (
    <span className="flex flex-col items-start gap-1">
      <Badge variant="destructive">Turned off by the server</Badge>
      {withReason ? <span className="max-w-xs text-xs text-muted-foreground">{endpoint.disabledReason}</span> : null}
    </span>
  );
}

/** When the receiver last took a delivery (a 2xx), which says at a glance whether it still works. */
export function LastDelivered({ endpoint }: { endpoint: WebhookEndpoint }) {
  if (!endpoint.lastDeliveredAt) return <span className="text-sm text-muted-foreground">Never</span>;
  return <span className="text-sm">{formatDateTime(endpoint.lastDeliveredAt)}</span>;
}
