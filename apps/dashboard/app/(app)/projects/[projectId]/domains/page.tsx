"use client";
import { Trash2 } from "lucide-react";
import { ConfirmButton } from "@/components/confirm-button";
import { LazyAddDomainForm } from "@/components/lazy";
import { SettingSwitch } from "@/components/setting-switch";
import { EmptyState, Loaded, PageHeader } from "@/components/states";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { readConfig, trustedDomainsOf, useProjectConfig } from "@/lib/config";
import { useProject } from "@/lib/projects";

export default function DomainsPage() {
  const project = useProject();
  const { state, update } = useProjectConfig();
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
                  <LazyAddDomainForm />
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
