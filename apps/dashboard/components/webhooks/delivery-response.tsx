"use client";
import type { WebhookDelivery } from "@stackframe/stack";

/** What the receiver last answered: its status code, the start of its body (folded away), and the error, if any. */
export function DeliveryResponse({ delivery }: { delivery: WebhookDelivery }) {
  const { lastResponseStatus: status, lastResponseBody: body, lastError: error } = delivery;
  if (status === null && !error) return <span className="text-muted-foreground">—</span>;
  return (
    <div className="flex max-w-sm flex-col gap-1 text-sm">
      {status !== null ? <span className="font-mono tabular-nums">HTTP {status}</span> : null}
      {error ? <span className="break-words text-destructive">{error}</span> : null}
      {body ? (
        <details className="text-xs">
          <summary className="cursor-pointer rounded-sm text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring">
            Response body
          </summary>
          <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-all rounded-md border bg-muted p-2 font-mono">{body}</pre>
        </details>
      ) : null}
    </div>
  );
}
