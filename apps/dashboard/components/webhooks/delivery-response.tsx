"use client";
import type { WebhookDelivery } from "@stackframe/stack";

/** A body folded away under its name, as sent or received. */
function FoldedBody({ name, body }: { name: string; body: string }) {
  return (
    <details className="text-xs">
      <summary className="cursor-pointer rounded-sm text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring">{name}</summary>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus, or a keyboard cannot scroll a long body (axe: scrollable-region-focusable). */}
      <pre tabIndex={0} aria-label={name} className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-all rounded-md border bg-muted p-2 font-mono focus-visible:outline-2 focus-visible:outline-ring">
        {body}
      </pre>
    </details>
  );
}

/** The request body sent, as signed (pretty-printed for reading). */
export function DeliveryRequest({ delivery }: { delivery: WebhookDelivery }) {
  let pretty = delivery.requestBody;
  try {
    pretty = JSON.stringify(JSON.parse(delivery.requestBody), null, 2);
  } catch {
    // Shown as sent.
  }
  return <FoldedBody name="Request body" body={pretty} />;
}

/** What the receiver last answered: its status code, the start of its body (folded away), and the error, if any. */
export function DeliveryResponse({ delivery }: { delivery: WebhookDelivery }) {
  const { lastResponseStatus: status, lastResponseBody: body, lastError: error } = delivery;
  if (status === null && !error) return <span className="text-muted-foreground">—</span>;
  return (
    <div className="flex max-w-sm flex-col gap-1 text-sm">
      {status !== null ? <span className="font-mono tabular-nums">HTTP {status}</span> : null}
      {error ? <span className="break-words text-destructive">{error}</span> : null}
      {body ? <FoldedBody name="Response body" body={body} /> : null}
    </div>
  );
}
