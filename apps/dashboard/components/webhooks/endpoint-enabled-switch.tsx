"use client";
import type { WebhookEndpoint } from "@stackframe/stack";
import { useState } from "react";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { errorMessage } from "@/lib/errors";
import { useAdminApp } from "@/lib/projects";

/**
 * Turns an endpoint on or off at once; turning on also clears a reason the server turned it off for. Give it a key
 * that changes with `endpoint.updatedAt`: it shows what it saved until the reloaded endpoint arrives.
 */
export function EndpointEnabledSwitch({ endpoint, onChange, visibleLabel }: { endpoint: WebhookEndpoint; onChange: () => void; visibleLabel?: string }) {
  const app = useAdminApp();
  const [pending, setPending] = useState<boolean | null>(null);
  const [saved, setSaved] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-2">
        {visibleLabel ? (
          <Label htmlFor={`enabled-${endpoint.id}`} className="text-sm">
            {visibleLabel}
          </Label>
        ) : null}
        <Switch
          id={`enabled-${endpoint.id}`}
          aria-label={`Send events to ${endpoint.url}`}
          checked={pending ?? saved ?? endpoint.enabled}
          disabled={pending !== null}
          onCheckedChange={async (enabled) => {
            setPending(enabled);
            try {
              await app.updateWebhookEndpoint(endpoint.id, { enabled });
              setSaved(enabled);
              setError(null);
              onChange();
            } catch (caught) {
              setError(errorMessage(caught));
            } finally {
              setPending(null);
            }
          }}
        />
      </div>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
