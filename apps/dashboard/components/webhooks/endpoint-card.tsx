"use client";
import type { WebhookEndpoint } from "@stackframe/stack";
import { Pencil } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { EndpointEnabledSwitch } from "./endpoint-enabled-switch";
import { EndpointStatus, LastDelivered } from "./endpoint-status";
import { EventTypesSummary } from "./event-types-summary";

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="contents">
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

/** What an endpoint receives and whether it is on, with the switch and the way to change it (its URL heads the page). */
export function EndpointCard({ endpoint, onEdit, onChange }: { endpoint: WebhookEndpoint; onEdit: () => void; onChange: () => void }) {
  return (
    <Card>
      <CardHeader className="flex-row items-start justify-between gap-4">
        <CardTitle>Endpoint</CardTitle>
        <div className="flex items-center gap-3">
          <EndpointEnabledSwitch key={endpoint.updatedAt.getTime()} endpoint={endpoint} onChange={onChange} visibleLabel="Send events" />
          <Button size="sm" variant="outline" onClick={onEdit}>
            <Pencil aria-hidden /> Edit
          </Button>
        </div>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-3 text-sm">
          <Fact term="Status">
            <EndpointStatus endpoint={endpoint} withReason />
          </Fact>
          <Fact term="Events">
            <EventTypesSummary endpoint={endpoint} />
          </Fact>
          <Fact term="Last delivered">
            <LastDelivered endpoint={endpoint} />
          </Fact>
          <Fact term="Created">{formatDateTime(endpoint.createdAt)}</Fact>
          <Fact term="Endpoint id">
            <span className="font-mono text-xs">{endpoint.id}</span>
          </Fact>
        </dl>
      </CardContent>
    </Card>
  );
}
