"use client";
import { Building2, Globe, KeyRound, LayoutDashboard, LockKeyhole, Mail, Rocket, Settings, ShieldCheck, Users, Waypoints, Webhook } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

export const PROJECT_PAGES = [
  { path: "", label: "Overview", icon: LayoutDashboard },
  { path: "/setup", label: "Setup", icon: Rocket },
  { path: "/users", label: "Users", icon: Users },
  { path: "/teams", label: "Teams", icon: Building2 },
  { path: "/permissions", label: "Permissions", icon: ShieldCheck },
  { path: "/auth-methods", label: "Auth methods", icon: Waypoints },
  { path: "/domains", label: "Domains", icon: Globe },
  { path: "/keys", label: "Project keys", icon: KeyRound },
  { path: "/emails", label: "Emails", icon: Mail },
  { path: "/webhooks", label: "Webhooks", icon: Webhook },
  { path: "/data-vault", label: "Data vault", icon: LockKeyhole },
  { path: "/settings", label: "Project settings", icon: Settings },
] as const;

/** The project's pages: a column beside the page, or on small screens a row that scrolls above it. */
export function ProjectNav({ projectId, layout = "column" }: { projectId: string; layout?: "column" | "row" }) {
  const pathname = usePathname();
  const base = `/projects/${projectId}`;
  return (
    <nav aria-label="Project" className={layout === "column" ? "flex flex-col gap-0.5 p-3" : "flex gap-1 overflow-x-auto px-3 py-2"}>
      {PROJECT_PAGES.map(({ path, label, icon: Icon }) => {
        const href = `${base}${path}`;
        const active = path === "" ? pathname === base : pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={path}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex shrink-0 items-center gap-2 rounded-md px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-ring",
              active ? "bg-accent font-medium text-accent-foreground" : "text-muted-foreground hover:bg-muted hover:text-foreground",
            )}
          >
            <Icon className="size-4" aria-hidden />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}

