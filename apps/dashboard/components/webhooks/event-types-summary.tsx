"use client";
import type { WebhookEndpoint } from "@stackframe/stack";
import { Badge } from "@/components/ui/badge";

/** The events an endpoint receives; a long filter is cut short, its full list is on the endpoint's page. */
export function EventTypesSummary({ endpoint, limit = Number.POSITIVE_INFINITY }: { endpoint: WebhookEndpoint; limit?: number }) {
  if (endpoint.eventTypes.length === 0) return <span className="text-sm text-muted-foreground">All events</span>;
  const shown = endpoint.eventTypes.slice(0, limit);
  const more = endpoint.eventTypes.length - shown.length;
  return (
    <ul className="flex flex-wrap gap-1" aria-label={`Events sent to ${endpoint.url}`}>
      {shown.map((type) => (
        <li key={type}>
          <Badge variant="outline" className="font-mono">
            {type}
          </Badge>
        </li>
      ))}
      {more > 0 ? (
        <li>
          <Badge variant="outline">+{more} more</Badge>
        </li>
      ) : null}
    </ul>
  );
}
