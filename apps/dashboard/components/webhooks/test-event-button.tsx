"use client";
import { Send } from "lucide-react";
import { useState } from "react";
import { FormError } from "@/components/form";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/lib/errors";
import { useAdminApp } from "@/lib/projects";

/** Sends a `stack.test` event now and says how the receiver took it; the attempt also lands in the log. */
export function TestEventButton({ endpointId, onSent }: { endpointId: string; onSent: () => void }) {
  const app = useAdminApp();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <>
      <Button
        size="sm"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setResult(null);
          try {
            const sent = await app.sendTestWebhook(endpointId);
            setResult(sent.success ? { ok: true, text: "Test event delivered: the receiver answered 2xx." } : { ok: false, text: sent.errorMessage });
            onSent();
          } catch (caught) {
            setResult({ ok: false, text: errorMessage(caught) });
          } finally {
            setBusy(false);
          }
        }}
      >
        <Send aria-hidden /> {busy ? "Sending…" : "Send test event"}
      </Button>
      <div aria-live="polite" className="min-w-0 text-sm">
        {result ? result.ok ? <output className="text-success">{result.text}</output> : <FormError message={`Test event failed: ${result.text}`} /> : null}
      </div>
    </>
  );
}
