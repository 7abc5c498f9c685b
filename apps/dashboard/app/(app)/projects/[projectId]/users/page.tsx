"use client";
import type { ServerUser } from "@stackframe/stack";
import type { ColumnDef, SortingState } from "@tanstack/react-table";
import { ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { DataTable } from "@/components/data-table";
import { SearchInput } from "@/components/search-input";
import { EmptyState, ErrorState, LoadingRows, PageHeader } from "@/components/states";
import { UserAvatar } from "@/components/user-avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatDate, formatDateTime } from "@/lib/format";
import { useAdminApp, useProject } from "@/lib/projects";
import { useAsync } from "@/lib/use-async";

const PAGE_SIZE = 50;

function useDebounced<T>(value: T, millis: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), millis);
    return () => clearTimeout(timer);
  }, [value, millis]);
  return debounced;
}

export default function UsersPage() {
  const app = useAdminApp();
  const project = useProject();
  const [search, setSearch] = useState("");
  const query = useDebounced(search.trim(), 250);
  const [sorting, setSorting] = useState<SortingState>([{ id: "signedUpAt", desc: true }]);
  // Cursors of the pages before the current one; the backend pages forward only.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const sort = sorting[0] ?? { id: "signedUpAt", desc: true };
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search or order starts again at the first page.
  useEffect(() => setCursors([undefined]), [query, sort.id, sort.desc]);
  const users = useAsync(
    () => app.listUsers({ limit: PAGE_SIZE, cursor, query: query || undefined, orderBy: sort.id as "signedUpAt" | "lastActiveAt", desc: sort.desc }),
    [app, cursor, query, sort.id, sort.desc],
  );

  const base = `/projects/${project.id}/users`;
  const columns: ColumnDef<ServerUser>[] = [
    {
      id: "user",
      header: "User",
      enableSorting: false,
      cell: ({ row }) => (
        <Link href={`${base}/${row.original.id}`} className="flex items-center gap-3 rounded-sm focus-visible:outline-2 focus-visible:outline-ring">
          <UserAvatar user={row.original} />
          <span className="flex min-w-0 flex-col">
            <span className="truncate font-medium">{row.original.displayName ?? row.original.primaryEmail ?? "Anonymous user"}</span>
            <span className="truncate text-xs text-muted-foreground">{row.original.displayName ? row.original.primaryEmail : row.original.id}</span>
          </span>
        </Link>
      ),
    },
    {
      id: "status",
      header: "Status",
      enableSorting: false,
      cell: ({ row }) => {
        const user = row.original;
        if (user.isAnonymous) return <Badge variant="outline">Anonymous</Badge>;
        if (user.restrictedByAdmin) return <Badge variant="destructive">Sign-in disabled</Badge>;
        return user.primaryEmailVerified ? <Badge variant="success">Verified</Badge> : <Badge variant="outline">Unverified</Badge>;
      },
    },
    { id: "signedUpAt", header: "Signed up", cell: ({ row }) => formatDate(row.original.signedUpAt) },
    { id: "lastActiveAt", header: "Last active", cell: ({ row }) => formatDateTime(row.original.lastActiveAt) },
  ];

  const pageNumber = cursors.length;
  return (
    <>
      <PageHeader title="Users" description="Everyone who has signed up to this project." />
      <SearchInput label="Search users" placeholder="Search by name, email or id" value={search} onChange={setSearch} />
      <Card>
        {users.status === "error" ? (
          <div className="p-4">
            <ErrorState error={users.error} onRetry={users.reload} />
          </div>
        ) : users.status === "loading" ? (
          <div className="p-4">
            <LoadingRows rows={8} label="Loading users" />
          </div>
        ) : users.data.length === 0 ? (
          <div className="p-4">
            <EmptyState title={query ? "No users match" : "No users yet"}>
              {query ? "Try another name or email." : "Users appear here as soon as they sign up."}
            </EmptyState>
          </div>
        ) : (
          <DataTable caption="Users" columns={columns} rows={users.data} rowId={(user) => user.id} sorting={sorting} onSortingChange={setSorting} />
        )}
        <div className="flex items-center justify-between border-t px-4 py-3 text-sm text-muted-foreground">
          <span>Page {pageNumber}</span>
          <div className="flex gap-2">
            <Button variant="outline" size="sm" disabled={pageNumber === 1} onClick={() => setCursors((list) => list.slice(0, -1))}>
              <ChevronLeft aria-hidden /> Previous
            </Button>
            <Button
              variant="outline"
              size="sm"
              disabled={users.status !== "ready" || !users.data.nextCursor}
              onClick={() => users.status === "ready" && users.data.nextCursor && setCursors((list) => [...list, users.data.nextCursor ?? undefined])}
            >
              Next <ChevronRight aria-hidden />
            </Button>
          </div>
        </div>
      </Card>
    </>
  );
}
