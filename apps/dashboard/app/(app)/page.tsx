"use client";
import { LazyNewProjectDialog, useOpenedOnce } from "@/components/lazy";
import { ArrowRight, Plus } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { EmptyState, Loaded, PageHeader } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useProjects } from "@/lib/projects";

function ProjectList() {
  const { projects } = useProjects();
  const router = useRouter();
  const dialogOpen = useSearchParams().get("new") === "1";
  const setDialogOpen = (open: boolean) => router.replace(open ? "/?new=1" : "/");
  const dialogOpened = useOpenedOnce(dialogOpen);
  return (
    <main className="mx-auto w-full max-w-5xl px-6 py-10">
      <PageHeader
        title="Projects"
        description="Every project you manage through one of your teams."
        actions={
          <Button onClick={() => setDialogOpen(true)}>
            <Plus aria-hidden /> New project
          </Button>
        }
      />
      <Loaded state={projects}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="No projects yet">Create one to get its keys and start signing users up.</EmptyState>
          ) : (
            <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {list.map((project) => (
                <li key={project.id}>
                  <Card className="h-full transition-colors hover:border-primary">
                    <Link href={`/projects/${project.id}`} className="flex h-full flex-col gap-2 p-5 focus-visible:outline-2 focus-visible:outline-ring">
                      <span className="flex items-center justify-between font-semibold">
                        {project.displayName}
                        <ArrowRight className="size-4 text-muted-foreground" aria-hidden />
                      </span>
                      <span className="line-clamp-2 text-sm text-muted-foreground">{project.description || "No description"}</span>
                      <span className="mt-auto font-mono text-xs text-muted-foreground">{project.id}</span>
                    </Link>
                  </Card>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      {dialogOpened ? <LazyNewProjectDialog open={dialogOpen} onOpenChange={setDialogOpen} /> : null}
    </main>
  );
}

export default function ProjectsPage() {
  return (
    <Suspense>
      <ProjectList />
    </Suspense>
  );
}
