"use client";
import type { WebhookEndpoint } from "@stackframe/stack";
import { KeyRound } from "lucide-react";
import { useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { useAdminApp } from "@/lib/projects";
import { SecretBlock } from "./secret-block";

/** Rotates the signing secret; the new one is on screen once, and the old one keeps signing beside it for a day. */
export function SecretCard({ endpoint, onRotated }: { endpoint: WebhookEndpoint; onRotated: () => void }) {
  const app = useAdminApp();
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <Card className={secret ? "border-primary" : undefined}>
      <CardHeader>
        <CardTitle>Signing secret</CardTitle>
        <CardDescription>
          Rotate it when it may have leaked. For 24 hours the current secret keeps signing beside the new one, so your receiver can switch over
          without missing a delivery.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {endpoint.previousSecretExpiresAt ? (
          <p className="text-sm">The secret before the last rotation signs too, until {formatDateTime(endpoint.previousSecretExpiresAt)}.</p>
        ) : null}
        {secret ? (
          <>
            <SecretBlock secret={secret} />
            <div>
              <Button variant="outline" onClick={() => setSecret(null)}>
                I have copied it
              </Button>
            </div>
          </>
        ) : (
          <div>
            <ConfirmButton
              variant="outline"
              title="Rotate the signing secret?"
              description="A new secret signs every delivery from now on. The current one signs beside it for 24 hours, then stops."
              confirmLabel="Rotate secret"
              onConfirm={async () => {
                setSecret((await app.rotateWebhookEndpointSecret(endpoint.id)).secret);
                onRotated();
              }}
            >
              <KeyRound aria-hidden /> Rotate secret
            </ConfirmButton>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
