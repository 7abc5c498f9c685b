"use client";
import { LazyNewKeySetDialog, useOpenedOnce } from "@/components/lazy";
import type { InternalApiKey, InternalApiKeyFirstView } from "@stackframe/stack";
import type { ColumnDef } from "@tanstack/react-table";
import { Plus } from "lucide-react";
import { useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { DataTable } from "@/components/data-table";
import { EnvBlock } from "@/components/env-block";
import { EmptyState, Loaded, PageHeader } from "@/components/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDate } from "@/lib/format";
import { useAdminApp } from "@/lib/projects";
import { useAsync } from "@/lib/use-async";

function keyStatus(key: InternalApiKey) {
  if (key.manuallyRevokedAt) return <Badge variant="destructive">Revoked</Badge>;
  if (key.expiresAt.getTime() <= Date.now()) return <Badge variant="outline">Expired</Badge>;
  return <Badge variant="success">Active</Badge>;
}

export default function KeysPage() {
  const app = useAdminApp();
  const keys = useAsync(() => app.listInternalApiKeys(), [app]);
  const [dialogOpen, setDialogOpen] = useState(false);
  const dialogOpened = useOpenedOnce(dialogOpen);
  const [created, setCreated] = useState<InternalApiKeyFirstView | null>(null);

  const columns: ColumnDef<InternalApiKey>[] = [
    { header: "Description", cell: ({ row }) => <span className="font-medium">{row.original.description}</span> },
    {
      header: "Keys",
      cell: ({ row }) => {
        const key = row.original;
        const parts = [
          key.publishableClientKey && `pck_…${key.publishableClientKey.lastFour}`,
          key.secretServerKey && `ssk_…${key.secretServerKey.lastFour}`,
          key.superSecretAdminKey && `sak_…${key.superSecretAdminKey.lastFour}`,
        ].filter(Boolean);
        return <span className="font-mono text-xs">{parts.join("  ")}</span>;
      },
    },
    { header: "Created", cell: ({ row }) => formatDate(row.original.createdAt) },
    { header: "Expires", cell: ({ row }) => formatDate(row.original.expiresAt) },
    { header: "Status", cell: ({ row }) => keyStatus(row.original) },
    {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) =>
        row.original.isValid() ? (
          <ConfirmButton
            size="sm"
            variant="outline"
            title="Revoke this key set?"
            description="Apps using these keys stop working at once. Revoking cannot be undone."
            confirmLabel="Revoke"
            aria-label={`Revoke ${row.original.description}`}
            onConfirm={async () => {
              await row.original.revoke();
              keys.reload();
            }}
          >
            Revoke
          </ConfirmButton>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title="Project keys"
        description="Key sets let your apps and servers talk to this project."
        actions={
          <Button onClick={() => setDialogOpen(true)}>
            <Plus aria-hidden /> New key set
          </Button>
        }
      />
      {created ? (
        <Card className="mb-6 border-primary">
          <CardHeader>
            <CardTitle>Your new keys</CardTitle>
            <CardDescription>Copy them now: this is the only time they are shown.</CardDescription>
          </CardHeader>
          <CardContent>
            <EnvBlock keys={created} />
            <Button className="mt-4" variant="outline" onClick={() => setCreated(null)}>
              I have copied them
            </Button>
          </CardContent>
        </Card>
      ) : null}
      <Loaded state={keys}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="No key sets">Create one to connect an app.</EmptyState>
          ) : (
            <Card>
              <DataTable caption="Key sets" columns={columns} rows={list} rowId={(key) => key.id} />
            </Card>
          )
        }
      </Loaded>
      {dialogOpened ? (
      <LazyNewKeySetDialog
        open={dialogOpen}
        onOpenChange={setDialogOpen}
        onCreated={(keysCreated) => {
          setCreated(keysCreated);
          setDialogOpen(false);
          keys.reload();
        }}
      />
      ) : null}
    </>
  );
}
