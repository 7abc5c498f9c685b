"use client";
import { OutboxCard } from "@/components/emails/outbox-card";
import { ThemeCard } from "@/components/emails/theme-card";
import { LazyEmailServerCard } from "@/components/lazy";
import { Loaded, PageHeader } from "@/components/states";
import { useProjectConfig } from "@/lib/config";

export default function EmailsPage() {
  const { state, update } = useProjectConfig();
  return (
    <>
      <PageHeader title="Emails" description="How the project's emails are sent and how they look." />
      <div className="flex flex-col gap-6">
        <Loaded state={state}>
          {(config) => (
            <>
              <LazyEmailServerCard config={config} update={update} />
              <ThemeCard config={config} update={update} />
            </>
          )}
        </Loaded>
        <OutboxCard />
      </div>
    </>
  );
}
