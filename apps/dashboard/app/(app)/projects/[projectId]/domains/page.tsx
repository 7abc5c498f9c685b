"use client";
import { zodResolver } from "@/lib/zod-resolver";
import { Trash2 } from "lucide-react";
import { useForm } from "react-hook-form";
import * as z from "zod/mini";
import { ConfirmButton } from "@/components/confirm-button";
import { Field, submitTo } from "@/components/form";
import { SettingSwitch } from "@/components/setting-switch";
import { EmptyState, Loaded, PageHeader } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { readConfig, trustedDomainsOf, useProjectConfig } from "@/lib/config";
import { useProject } from "@/lib/projects";

// The backend checks the pattern itself (and refuses ones that are too wide); this only catches the obvious first.
const schema = z.object({
  baseUrl: z.string().check(z.trim(), z.minLength(1, "Enter the address of your app, like https://app.example.com."), z.maxLength(300, "A domain has at most 300 characters.")),
  handlerPath: z.string().check(z.trim(), z.startsWith("/", "The handler path starts with /, like /handler."), z.maxLength(300, "A path has at most 300 characters.")),
});

type Values = z.infer<typeof schema>;

export default function DomainsPage() {
  const project = useProject();
  const { state, update } = useProjectConfig();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { baseUrl: "", handlerPath: "/handler" } });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    const id = crypto.randomUUID();
    const ok = await submitTo(form, "baseUrl", () => update({ [`domains.trustedDomains.${id}`]: { baseUrl: values.baseUrl.replace(/\/$/, ""), handlerPath: values.handlerPath } }));
    if (ok) form.reset();
  });
  return (
    <>
      <PageHeader title="Domains" description="Where your app runs. Sign-in links and redirects go only to these addresses." />
      <Loaded state={state}>
        {(config) => {
          const domains = trustedDomainsOf(config);
          return (
            <div className="flex flex-col gap-6">
              <Card>
                <CardHeader>
                  <CardTitle>Trusted domains</CardTitle>
                  <CardDescription>
                    Use <span className="font-mono">*</span> for one subdomain label and <span className="font-mono">**</span> for any number, like
                    https://*.example.com.
                  </CardDescription>
                </CardHeader>
                <CardContent className="flex flex-col gap-6">
                  {domains.length === 0 ? (
                    <EmptyState title="No trusted domains">Add the address of your app before you deploy it.</EmptyState>
                  ) : (
                    <Table>
                      <caption className="sr-only">Trusted domains</caption>
                      <TableHeader>
                        <TableRow>
                          <TableHead>Domain</TableHead>
                          <TableHead>Handler path</TableHead>
                          <TableHead>
                            <span className="sr-only">Actions</span>
                          </TableHead>
                        </TableRow>
                      </TableHeader>
                      <TableBody>
                        {domains.map((domain) => (
                          <TableRow key={domain.id}>
                            <TableCell className="font-mono text-sm">{domain.baseUrl}</TableCell>
                            <TableCell className="font-mono text-sm">{domain.handlerPath}</TableCell>
                            <TableCell className="text-right">
                              <ConfirmButton
                                size="icon"
                                variant="ghost"
                                aria-label={`Remove ${domain.baseUrl}`}
                                title={`Remove ${domain.baseUrl}?`}
                                description="Sign-in redirects to this address stop working."
                                confirmLabel="Remove"
                                onConfirm={async () => {
                                  await (await project.app.getProject()).resetConfigOverrideKeys("environment", [`domains.trustedDomains.${domain.id}`]);
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
                  <form onSubmit={onSubmit} className="grid items-start gap-3 sm:grid-cols-[1fr_12rem_auto]" noValidate>
                    <Field id="domain-base-url" label="Domain" error={errors.baseUrl?.message}>
                      {(props) => <Input {...props} {...form.register("baseUrl")} placeholder="https://app.example.com" autoComplete="off" />}
                    </Field>
                    <Field id="domain-handler-path" label="Handler path" error={errors.handlerPath?.message}>
                      {(props) => <Input {...props} {...form.register("handlerPath")} autoComplete="off" />}
                    </Field>
                    <Button type="submit" className="sm:mt-6" disabled={isSubmitting}>
                      Add domain
                    </Button>
                  </form>
                </CardContent>
              </Card>
              <Card>
                <CardContent className="pt-2">
                  <SettingSwitch
                    id="domains.allowLocalhost"
                    label="Allow localhost"
                    description="Trust any localhost address, for development. Turn it off in production."
                    checked={readConfig(config, "domains.allowLocalhost") === true}
                    onChange={(checked) => update({ "domains.allowLocalhost": checked })}
                  />
                </CardContent>
              </Card>
            </div>
          );
        }}
      </Loaded>
    </>
  );
}
