"use client";
import { zodResolver } from "@/lib/zod-resolver";
import { Trash2 } from "lucide-react";
import { useForm } from "react-hook-form";
import * as z from "zod/mini";
import { ConfirmButton } from "@/components/confirm-button";
import { CopyButton } from "@/components/copy-button";
import { Field, submitTo } from "@/components/form";
import { EmptyState, Loaded, PageHeader } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { dataVaultStoresOf, useProjectConfig } from "@/lib/config";
import { useProject } from "@/lib/projects";

// The backend has the final word on ids; this catches what it would refuse before the round trip.
const schema = z.object({
  id: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, "Give the store an id, like provider-tokens."),
      z.maxLength(63, "An id has at most 63 characters."),
      z.regex(/^[a-zA-Z0-9_][a-zA-Z0-9_-]*$/, "Use letters, digits, _ and - (not first)."),
    ),
  displayName: z.string().check(z.trim(), z.maxLength(256, "A name has at most 256 characters.")),
});

type Values = z.infer<typeof schema>;

const usage = (id: string) =>
  `const vault = await hexclaveServerApp.getDataVaultStore("${id}");
await vault.setValue(user.id, secretFromUser, { secret: process.env.HEXCLAVE_DATA_VAULT_SECRET! });
const value = await vault.getValue(user.id, { secret: process.env.HEXCLAVE_DATA_VAULT_SECRET! });`;

export default function DataVaultPage() {
  const project = useProject();
  const { state, update } = useProjectConfig();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { id: "", displayName: "" } });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    const ok = await submitTo(form, "id", () => update({ [`dataVault.stores.${values.id}`]: { displayName: values.displayName || values.id } }));
    if (ok) form.reset();
  });
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
                  <form onSubmit={onSubmit} className="grid items-start gap-3 sm:grid-cols-[14rem_1fr_auto]" noValidate>
                    <Field id="store-id" label="Id" error={errors.id?.message}>
                      {(props) => <Input {...props} {...form.register("id")} placeholder="provider-tokens" autoComplete="off" />}
                    </Field>
                    <Field id="store-name" label="Name" error={errors.displayName?.message}>
                      {(props) => <Input {...props} {...form.register("displayName")} placeholder="Provider tokens" autoComplete="off" />}
                    </Field>
                    <Button type="submit" className="sm:mt-6" disabled={isSubmitting}>
                      Add store
                    </Button>
                  </form>
                </CardContent>
              </Card>
            </div>
          );
        }}
      </Loaded>
    </>
  );
}
