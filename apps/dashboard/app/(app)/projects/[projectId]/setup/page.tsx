"use client";
import type { InternalApiKeyFirstView } from "@stackframe/stack";
import { KeyRound } from "lucide-react";
import { useState } from "react";
import { CodeBlock } from "@/components/copy-button";
import { EnvBlock } from "@/components/env-block";
import { ErrorState, PageHeader } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { FRAMEWORKS } from "@/lib/frameworks";
import { useAdminApp } from "@/lib/projects";

const HUNDRED_YEARS = 100 * 365 * 24 * 60 * 60 * 1000;

export default function SetupPage() {
  const app = useAdminApp();
  const [keys, setKeys] = useState<InternalApiKeyFirstView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const createKeys = async () => {
    setBusy(true);
    setError(null);
    try {
      setKeys(
        await app.createInternalApiKey({
          description: "Created on the setup page",
          expiresAt: new Date(Date.now() + HUNDRED_YEARS),
          hasPublishableClientKey: true,
          hasSecretServerKey: true,
        }),
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title="Setup" description="Connect an app to this project in a few minutes." />
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader>
            <CardTitle>1. Keys for your app</CardTitle>
            <CardDescription>
              {keys ? "Copy them now: they are shown only once. They are filled in below." : "Create a key set for this app; the settings below fill themselves in."}
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            {keys ? null : (
              <Button className="self-start" onClick={createKeys} disabled={busy}>
                <KeyRound aria-hidden /> {busy ? "Creating keys…" : "Create keys"}
              </Button>
            )}
            {error ? <ErrorState error={error} /> : null}
            <EnvBlock keys={keys ?? {}} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>2. Add Hexclave to your app</CardTitle>
            <CardDescription>Pick your framework.</CardDescription>
          </CardHeader>
          <CardContent>
            <Tabs defaultValue={FRAMEWORKS[0]!.id}>
              <TabsList aria-label="Framework for the steps">
                {FRAMEWORKS.map((framework) => (
                  <TabsTrigger key={framework.id} value={framework.id}>
                    {framework.label}
                  </TabsTrigger>
                ))}
              </TabsList>
              {FRAMEWORKS.map((framework) => (
                <TabsContent key={framework.id} value={framework.id}>
                  <ol className="flex list-decimal flex-col gap-4 pl-5">
                    {framework.steps.map((step) => (
                      <li key={step.title} className="flex flex-col gap-2 text-sm">
                        <span>{step.title}</span>
                        {step.code ? <CodeBlock label={step.title} code={step.code} /> : null}
                      </li>
                    ))}
                  </ol>
                  <p className="mt-4 text-sm text-muted-foreground">
                    Prefer to install by hand? <span className="font-mono">npm install {framework.packageName}</span>
                  </p>
                </TabsContent>
              ))}
            </Tabs>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
