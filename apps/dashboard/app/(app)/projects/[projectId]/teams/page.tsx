"use client";
import type { ServerTeam } from "@stackframe/stack";
import type { ColumnDef } from "@tanstack/react-table";
import { Plus } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { DataTable } from "@/components/data-table";
import { SearchInput } from "@/components/search-input";
import { EmptyState, ErrorState, LoadingRows, PageHeader } from "@/components/states";
import { LazyNewTeamDialog, useOpenedOnce } from "@/components/lazy";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatDate } from "@/lib/format";
import { useAdminApp, useProject } from "@/lib/projects";
import { useAsync } from "@/lib/use-async";

export default function TeamsPage() {
  const app = useAdminApp();
  const project = useProject();
  const router = useRouter();
  const teams = useAsync(() => app.listTeams(), [app]);
  const [search, setSearch] = useState("");
  const [dialogOpen, setDialogOpen] = useState(false);
  const dialogOpened = useOpenedOnce(dialogOpen);

  const base = `/projects/${project.id}/teams`;
  const columns: ColumnDef<ServerTeam>[] = [
    {
      id: "name",
      header: "Name",
      cell: ({ row }) => (
        <Link href={`${base}/${row.original.id}`} className="rounded-sm font-medium hover:underline focus-visible:outline-2 focus-visible:outline-ring">
          {row.original.displayName || "Unnamed team"}
        </Link>
      ),
    },
    { id: "id", header: "Team id", cell: ({ row }) => <span className="font-mono text-xs text-muted-foreground">{row.original.id}</span> },
    { id: "createdAt", header: "Created", cell: ({ row }) => formatDate(row.original.createdAt) },
  ];

  // The API sends every team at once, so searching filters what is already loaded.
  const needle = search.trim().toLowerCase();
  const shown =
    teams.status === "ready"
      ? teams.data.filter((team) => !needle || team.displayName.toLowerCase().includes(needle) || team.id.toLowerCase().includes(needle))
      : [];

  return (
    <>
      <PageHeader
        title="Teams"
        description="Groups of users, each with its own members, permissions and invitations."
        actions={
          <Button onClick={() => setDialogOpen(true)}>
            <Plus aria-hidden /> New team
          </Button>
        }
      />
      <SearchInput label="Search teams" placeholder="Search by name or id" value={search} onChange={setSearch} />
      <Card>
        {teams.status === "error" ? (
          <div className="p-4">
            <ErrorState error={teams.error} onRetry={teams.reload} />
          </div>
        ) : teams.status === "loading" ? (
          <div className="p-4">
            <LoadingRows rows={6} label="Loading teams" />
          </div>
        ) : shown.length === 0 ? (
          <div className="p-4">
            <EmptyState title={needle ? "No teams match" : "No teams yet"}>
              {needle ? "Try another name or id." : "Create one here, or let your users create their own."}
            </EmptyState>
          </div>
        ) : (
          <DataTable caption="Teams" columns={columns} rows={shown} rowId={(team) => team.id} />
        )}
      </Card>
      {dialogOpened ? (
        <LazyNewTeamDialog
          open={dialogOpen}
          onOpenChange={setDialogOpen}
          onCreated={(team) => {
            setDialogOpen(false);
            teams.reload();
            router.push(`${base}/${team.id}`);
          }}
        />
      ) : null}
    </>
  );
}
