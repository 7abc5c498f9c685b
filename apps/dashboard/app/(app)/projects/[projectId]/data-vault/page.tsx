"use client";
import { Trash2 } from "lucide-react";
import { ConfirmButton } from "@/components/confirm-button";
import { CopyButton } from "@/components/copy-button";
import { LazyAddStoreForm } from "@/components/lazy";
import { EmptyState, Loaded, PageHeader } from "@/components/states";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { dataVaultStoresOf, useProjectConfig } from "@/lib/config";
import { useProject } from "@/lib/projects";

const usage = (id: string) =>
  `const vault = await hexclaveServerApp.getDataVaultStore("${id}");
await vault.setValue(user.id, secretFromUser, { secret: process.env.HEXCLAVE_DATA_VAULT_SECRET! });
const value = await vault.getValue(user.id, { secret: process.env.HEXCLAVE_DATA_VAULT_SECRET! });`;

export default function DataVaultPage() {
  const project = useProject();
  const { state } = useProjectConfig();
  return (
    <>
      <PageHeader
        title="Data vault"
        description="Secrets your users hand you (API tokens, keys), encrypted on your server with a secret only it holds. Hexclave stores the ciphertext and never sees the values."
      />
      <Loaded state={state}>
        {(config) => {
          const stores = dataVaultStoresOf(config);
          return (
            <div className="flex flex-col gap-6">
              <Card>
                <CardHeader>
                  <CardTitle>Stores</CardTitle>
                  <CardDescription>Each store is a separate set of keys; your server reads and writes them with its secret server key.</CardDescription>
                </CardHeader>
                <CardContent className="flex flex-col gap-6">
                  {stores.length === 0 ? (
                    <EmptyState title="No stores yet">Add a store, then use it from your server with the SDK.</EmptyState>
                  ) : (
                    <Table>
                      <caption className="sr-only">Data vault stores</caption>
                      <TableHeader>
                        <TableRow>
                          <TableHead>Id</TableHead>
                          <TableHead>Name</TableHead>
                          <TableHead>
                            <span className="sr-only">Actions</span>
                          </TableHead>
                        </TableRow>
                      </TableHeader>
                      <TableBody>
                        {stores.map((store) => (
                          <TableRow key={store.id}>
                            <TableCell className="font-mono text-sm">{store.id}</TableCell>
                            <TableCell>{store.displayName}</TableCell>
                            <TableCell className="text-right">
                              <CopyButton value={usage(store.id)} label="Copy code" />
                              <ConfirmButton
                                size="icon"
                                variant="ghost"
                                aria-label={`Remove ${store.id}`}
                                title={`Remove the store ${store.id}?`}
                                description="Reads and writes of this store stop working at once. Add it again with the same id to reach its values again."
                                confirmLabel="Remove"
                                onConfirm={async () => {
                                  await (await project.app.getProject()).resetConfigOverrideKeys("environment", [`dataVault.stores.${store.id}`]);
                                  state.reload();
                                }}
                              >
                                <Trash2 aria-hidden />
                              </ConfirmButton>
                            </TableCell>
                          </TableRow>
                        ))}
                      </TableBody>
                    </Table>
                  )}
                  <LazyAddStoreForm />
                </CardContent>
              </Card>
            </div>
          );
        }}
      </Loaded>
    </>
  );
}
