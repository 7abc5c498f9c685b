"use client";
import { useState } from "react";
import { FRAMEWORKS, envLines } from "@/lib/frameworks";
import { useAdminApp } from "@/lib/projects";
import { CodeBlock } from "./copy-button";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "./ui/tabs";

const HOSTED_API_URL = "https://api.hexclave.com";

type Keys = { publishableClientKey?: string; secretServerKey?: string; superSecretAdminKey?: string };

/** The settings an app needs, per framework, with the keys filled in when they are at hand. */
export function EnvBlock({ keys }: { keys: Keys }) {
  const app = useAdminApp();
  const [framework, setFramework] = useState<string>(FRAMEWORKS[0]!.id);
  const { projectId, baseUrl } = app.toClientJson();
  // Apps on Hexclave's cloud need no API URL; a self-hosted deployment's apps must be pointed at it.
  const apiUrl = baseUrl === HOSTED_API_URL ? undefined : baseUrl;
  return (
    <Tabs value={framework} onValueChange={setFramework}>
      <TabsList aria-label="Framework">
        {FRAMEWORKS.map((candidate) => (
          <TabsTrigger key={candidate.id} value={candidate.id}>
            {candidate.label}
          </TabsTrigger>
        ))}
      </TabsList>
      {FRAMEWORKS.map((candidate) => (
        <TabsContent key={candidate.id} value={candidate.id} className="flex flex-col gap-3">
          <CodeBlock label={`${candidate.label} environment`} code={envLines(candidate, { projectId, ...keys, apiUrl })} />
          {keys.superSecretAdminKey ? (
            <CodeBlock label="Admin key" code={`HEXCLAVE_SUPER_SECRET_ADMIN_KEY=${keys.superSecretAdminKey}`} />
          ) : null}
        </TabsContent>
      ))}
    </Tabs>
  );
}
