"use client";
import { ChevronsUpDown, LayoutGrid, Plus } from "lucide-react";
import { useParams, useRouter } from "next/navigation";
import { useProjects } from "@/lib/projects";
import { Button } from "./ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "./ui/dropdown-menu";

export function ProjectSwitcher() {
  const { projects } = useProjects();
  const router = useRouter();
  const { projectId } = useParams<{ projectId?: string }>();
  const list = projects.status === "ready" ? projects.data : [];
  const current = list.find((project) => project.id === projectId);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm">
          <span className="sr-only">Switch project, now:</span>
          {current ? current.displayName : "All projects"}
          <ChevronsUpDown className="opacity-60" aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-64">
        <DropdownMenuLabel>Projects</DropdownMenuLabel>
        {list.map((project) => (
          <DropdownMenuItem key={project.id} onSelect={() => router.push(`/projects/${project.id}`)}>
            <span className="truncate">{project.displayName}</span>
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => router.push("/")}>
          <LayoutGrid aria-hidden /> All projects
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => router.push("/?new=1")}>
          <Plus aria-hidden /> New project
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
