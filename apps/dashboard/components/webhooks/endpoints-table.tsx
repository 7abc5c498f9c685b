"use client";
import type { WebhookEndpoint } from "@stackframe/stack";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { EndpointEnabledSwitch } from "./endpoint-enabled-switch";
import { EndpointStatus, LastDelivered } from "./endpoint-status";
import { EventTypesSummary } from "./event-types-summary";

/** The project's endpoints; each URL opens the endpoint's page with its delivery log. */
export function EndpointsTable({ endpoints, basePath, onChange }: { endpoints: WebhookEndpoint[]; basePath: string; onChange: () => void }) {
  const columns: ColumnDef<WebhookEndpoint>[] = [
    {
      id: "url",
      header: "URL",
      cell: ({ row }) => (
        <div className="flex max-w-md flex-col gap-0.5">
          <Link
            href={`${basePath}/${row.original.id}`}
            className="break-all rounded-sm font-mono text-sm font-medium hover:underline focus-visible:outline-2 focus-visible:outline-ring"
          >
            {row.original.url}
          </Link>
          {row.original.description ? <span className="text-sm text-muted-foreground">{row.original.description}</span> : null}
        </div>
      ),
    },
    { id: "events", header: "Events", cell: ({ row }) => <EventTypesSummary endpoint={row.original} limit={3} /> },
    { id: "status", header: "Status", cell: ({ row }) => <EndpointStatus endpoint={row.original} withReason /> },
    { id: "last-delivered", header: "Last delivered", cell: ({ row }) => <LastDelivered endpoint={row.original} /> },
    {
      id: "enabled",
      header: () => <span className="sr-only">On or off</span>,
      cell: ({ row }) => <EndpointEnabledSwitch key={row.original.updatedAt.getTime()} endpoint={row.original} onChange={onChange} />,
    },
  ];
  return <DataTable caption="Webhook endpoints" columns={columns} rows={endpoints} rowId={(endpoint) => endpoint.id} />;
}
