"use client";
import type { WebhookDelivery } from "@stackframe/stack";
import { RotateCcw } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/lib/errors";
import { useAdminApp } from "@/lib/projects";

/** Queues a delivery again from its first attempt; the receiver gets the same webhook-id, so it can tell a repeat. */
export function ReplayButton({ endpointId, delivery, onReplayed }: { endpointId: string; delivery: WebhookDelivery; onReplayed: () => void }) {
  const app = useAdminApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        size="sm"
        variant="outline"
        disabled={busy || delivery.status === "delivering"}
        aria-label={`Replay ${delivery.eventType} ${delivery.eventId}`}
        onClick={async () => {
          setBusy(true);
          try {
            await app.replayWebhookDelivery(endpointId, delivery.id);
            setError(null);
            onReplayed();
          } catch (caught) {
            setError(errorMessage(caught));
          } finally {
            setBusy(false);
          }
        }}
      >
        <RotateCcw aria-hidden /> Replay
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
