"use client";
import { LazyWebhookEndpointDialog, useOpenedOnce } from "@/components/lazy";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { EmptyState, Loaded, PageHeader } from "@/components/states";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DeliveryLogCard } from "@/components/webhooks/delivery-log-card";
import { EndpointCard } from "@/components/webhooks/endpoint-card";
import { SecretCard } from "@/components/webhooks/secret-card";
import { useAdminApp, useProject } from "@/lib/projects";
import { useAsync } from "@/lib/use-async";

export default function WebhookEndpointPage() {
  const { endpointId } = useParams<{ endpointId: string }>();
  const app = useAdminApp();
  const project = useProject();
  const router = useRouter();
  // An id that is not a UUID cannot name an endpoint; asking the API would only answer a validation error.
  const endpoint = useAsync(async () => (/^[0-9a-f-]{36}$/i.test(endpointId) ? await app.getWebhookEndpoint(endpointId) : null), [app, endpointId]);
  const [dialogOpen, setDialogOpen] = useState(false);
  const dialogOpened = useOpenedOnce(dialogOpen);
  const listUrl = `/projects/${project.id}/webhooks`;
  return (
    <>
      <Link href={listUrl} className="mb-4 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> All endpoints
      </Link>
      <Loaded state={endpoint} rows={6}>
        {(found) =>
          found === null ? (
            <EmptyState title="Endpoint not found">It may have been deleted.</EmptyState>
          ) : (
            <>
              <PageHeader title={<span className="break-all font-mono text-xl">{found.url}</span>} description={found.description || undefined} />
              <div className="flex flex-col gap-6">
                <EndpointCard endpoint={found} onEdit={() => setDialogOpen(true)} onChange={endpoint.reload} />
                <DeliveryLogCard endpointId={found.id} onRefresh={endpoint.reload} />
                <SecretCard endpoint={found} onRotated={endpoint.reload} />
                <Card className="border-destructive/40">
                  <CardHeader>
                    <CardTitle>Delete endpoint</CardTitle>
                    <CardDescription>Nothing more is sent to it, and its delivery log is deleted with it.</CardDescription>
                  </CardHeader>
                  <CardContent>
                    <ConfirmButton
                      title="Delete this endpoint?"
                      description="Events stop going to it at once. This cannot be undone."
                      confirmLabel="Delete endpoint"
                      onConfirm={async () => {
                        await app.deleteWebhookEndpoint(found.id);
                        router.push(listUrl);
                      }}
                    >
                      Delete endpoint
                    </ConfirmButton>
                  </CardContent>
                </Card>
              </div>
              {dialogOpened ? <LazyWebhookEndpointDialog open={dialogOpen} onOpenChange={setDialogOpen} editing={found} onSaved={endpoint.reload} /> : null}
            </>
          )
        }
      </Loaded>
    </>
  );
}
