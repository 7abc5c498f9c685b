"use client";
import Link from "next/link";
import { useParams } from "next/navigation";
import type { ReactNode } from "react";
import { ProjectNav } from "@/components/project-nav";
import { EmptyState, ErrorState, LoadingRows } from "@/components/states";
import { ProjectConfigProvider } from "@/lib/config";
import { ProjectProvider, useProjects } from "@/lib/projects";

export default function ProjectLayout({ children }: { children: ReactNode }) {
  const { projectId } = useParams<{ projectId: string }>();
  const { projects } = useProjects();
  let body: ReactNode;
  if (projects.status === "loading") body = <LoadingRows rows={8} label="Loading the project" />;
  else if (projects.status === "error") body = <ErrorState error={projects.error} onRetry={projects.reload} />;
  else {
    const project = projects.data.find((candidate) => candidate.id === projectId);
    // Projects of teams the operator is not in look exactly like projects that do not exist.
    body = project ? (
      <ProjectProvider value={project}>
        <ProjectConfigProvider>{children}</ProjectConfigProvider>
      </ProjectProvider>
    ) : (
      <EmptyState title="Project not found">
        It does not exist, or none of your teams manages it. <Link className="text-primary underline" href="/">See your projects</Link>.
      </EmptyState>
    );
  }
  return (
    <div className="flex min-h-[calc(100vh-3.5rem)] flex-col md:flex-row">
      <div className="border-b md:hidden">
        <ProjectNav projectId={projectId} layout="row" />
      </div>
      <aside className="hidden w-56 shrink-0 border-r md:block">
        <ProjectNav projectId={projectId} />
      </aside>
      <main className="min-w-0 flex-1 px-6 py-8">
        <div className="mx-auto w-full max-w-5xl">{body}</div>
      </main>
    </div>
  );
}
