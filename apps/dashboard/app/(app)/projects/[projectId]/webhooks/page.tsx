"use client";
import { LazyWebhookEndpointDialog, useOpenedOnce } from "@/components/lazy";
import { Plus } from "lucide-react";
import { useState } from "react";
import { EmptyState, ErrorState, LoadingRows, PageHeader } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EndpointsTable } from "@/components/webhooks/endpoints-table";
import { useAdminApp, useProject } from "@/lib/projects";
import { useAsync } from "@/lib/use-async";

export default function WebhooksPage() {
  const app = useAdminApp();
  const project = useProject();
  const endpoints = useAsync(() => app.listWebhookEndpoints(), [app]);
  const [dialogOpen, setDialogOpen] = useState(false);
  const dialogOpened = useOpenedOnce(dialogOpen);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Signed requests to your server when the project's users, teams, memberships and permissions change."
        actions={
          <Button onClick={() => setDialogOpen(true)}>
            <Plus aria-hidden /> Add endpoint
          </Button>
        }
      />
      <Card>
        {endpoints.status === "error" ? (
          <div className="p-4">
            <ErrorState error={endpoints.error} onRetry={endpoints.reload} />
          </div>
        ) : endpoints.status === "loading" ? (
          <div className="p-4">
            <LoadingRows rows={3} label="Loading endpoints" />
          </div>
        ) : endpoints.data.length === 0 ? (
          <div className="p-4">
            <EmptyState title="No endpoints yet">Add your server's URL to receive an event for every change, signed with a secret of its own.</EmptyState>
          </div>
        ) : (
          <EndpointsTable endpoints={endpoints.data} basePath={`/projects/${project.id}/webhooks`} onChange={endpoints.reload} />
        )}
      </Card>
      {dialogOpened ? <LazyWebhookEndpointDialog open={dialogOpen} onOpenChange={setDialogOpen} editing={null} onSaved={endpoints.reload} /> : null}
    </>
  );
}
