"use client";
import type { WebhookDelivery } from "@stackframe/stack";
import { Badge } from "@/components/ui/badge";
import { formatLogTime } from "@/lib/format";

/** Where a delivery stands; a pending one says when its next attempt is due. */
export function DeliveryStatus({ delivery }: { delivery: WebhookDelivery }) {
  const badge =
    delivery.status === "delivered" ? (
      <Badge variant="success">Delivered</Badge>
    ) : delivery.status === "failed" ? (
      <Badge variant="destructive">Failed</Badge>
    ) : (
      <Badge variant="outline">{delivery.status === "pending" ? "Pending" : "Sending"}</Badge>
    );
  return (
    <span className="flex flex-col items-start gap-1">
      {badge}
      {delivery.nextAttemptAt ? <span className="whitespace-nowrap text-xs text-muted-foreground">next {formatLogTime(delivery.nextAttemptAt)}</span> : null}
    </span>
  );
}

/** True while the log is about to change by itself: an attempt under way, or one due within the minute. */
export function isInFlight(delivery: WebhookDelivery): boolean {
  if (delivery.status === "delivering") return true;
  return delivery.status === "pending" && (delivery.nextAttemptAt?.getTime() ?? 0) < Date.now() + 60_000;
}
