"use client";
import type { WebhookDelivery } from "@stackframe/stack";
import type { ColumnDef } from "@tanstack/react-table";
import { RotateCw } from "lucide-react";
import { useEffect, useState } from "react";
import { DataTable } from "@/components/data-table";
import { type CursorPages, CursorPager } from "@/components/cursor-pager";
import { EmptyState, ErrorState, LoadingRows } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatLogTime } from "@/lib/format";
import { useAdminApp } from "@/lib/projects";
import { useAsync } from "@/lib/use-async";
import { DeliveryRequest, DeliveryResponse } from "./delivery-response";
import { DeliveryStatus, isInFlight } from "./delivery-status";
import { ReplayButton } from "./replay-button";
import { TestEventButton } from "./test-event-button";

const PAGE_SIZE = 20;
const IN_FLIGHT_REFRESH_MS = 1500;

/**
 * An endpoint's deliveries, newest first, a page at a time; it refreshes itself while an attempt is under way.
 * `onRefresh` runs when a test event was sent or the log refreshed by hand, for what shows the endpoint's own state.
 */
export function DeliveryLogCard({ endpointId, onRefresh }: { endpointId: string; onRefresh?: () => void }) {
  const app = useAdminApp();
  const [pages, setPages] = useState<CursorPages>([undefined]);
  const cursor = pages[pages.length - 1];
  const page = useAsync(() => app.listWebhookDeliveries(endpointId, { limit: PAGE_SIZE, cursor }), [app, endpointId, cursor]);
  const inFlight = page.status === "ready" && page.data.items.some(isInFlight);
  const { reload } = page;
  // biome-ignore lint/correctness/useExhaustiveDependencies: each page that arrives still in flight schedules the next look.
  useEffect(() => {
    if (!inFlight) return;
    const timer = setTimeout(reload, IN_FLIGHT_REFRESH_MS);
    return () => clearTimeout(timer);
  }, [inFlight, page.data, reload]);
  const showNewest = () => {
    if (pages.length === 1) reload();
    else setPages([undefined]);
    onRefresh?.();
  };

  const columns: ColumnDef<WebhookDelivery>[] = [
    { id: "status", header: "Status", cell: ({ row }) => <DeliveryStatus delivery={row.original} /> },
    {
      id: "event",
      header: "Event",
      cell: ({ row }) => (
        <div className="flex max-w-xs flex-col gap-0.5">
          <span className="font-mono text-sm font-medium">{row.original.eventType}</span>
          <span className="font-mono text-xs text-muted-foreground">{row.original.eventId}</span>
          <DeliveryRequest delivery={row.original} />
        </div>
      ),
    },
    { id: "attempts", header: "Attempts", cell: ({ row }) => <span className="tabular-nums">{row.original.attempts}</span> },
    {
      id: "times",
      header: "Times",
      cell: ({ row }) => (
        <dl className="grid grid-cols-[auto_auto] gap-x-2 whitespace-nowrap text-xs">
          <dt className="text-muted-foreground">Queued</dt>
          <dd>{formatLogTime(row.original.createdAt)}</dd>
          <dt className="text-muted-foreground">Last try</dt>
          <dd>{formatLogTime(row.original.lastAttemptAt)}</dd>
          {row.original.deliveredAt ? (
            <>
              <dt className="text-muted-foreground">Delivered</dt>
              <dd>{formatLogTime(row.original.deliveredAt)}</dd>
            </>
          ) : null}
        </dl>
      ),
    },
    { id: "response", header: "Response", cell: ({ row }) => <DeliveryResponse delivery={row.original} /> },
    {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) => <ReplayButton endpointId={endpointId} delivery={row.original} onReplayed={reload} />,
    },
  ];

  return (
    <Card>
      <CardHeader>
        <CardTitle>Deliveries</CardTitle>
        <CardDescription>Newest first. Failed attempts are retried with backoff; a replay sends the event again with the same webhook-id.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <TestEventButton endpointId={endpointId} onSent={showNewest} />
          <Button size="sm" variant="outline" className="ml-auto" onClick={showNewest}>
            <RotateCw aria-hidden /> Refresh
          </Button>
        </div>
        {page.status === "loading" ? (
          <LoadingRows rows={4} label="Loading deliveries" />
        ) : page.status === "error" ? (
          <ErrorState error={page.error} onRetry={reload} />
        ) : page.data.items.length === 0 ? (
          <EmptyState title="No deliveries yet">Events of the project show up here as they are sent. Send a test event to try the endpoint.</EmptyState>
        ) : (
          <>
            <DataTable caption="Deliveries" columns={columns} rows={[...page.data.items]} rowId={(delivery) => delivery.id} />
            <CursorPager pages={pages} setPages={setPages} nextCursor={page.data.nextCursor} />
          </>
        )}
      </CardContent>
    </Card>
  );
}
