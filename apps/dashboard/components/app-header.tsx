"use client";
import { UserButton } from "@stackframe/stack";
import { Hexagon } from "lucide-react";
import Link from "next/link";
import { ProjectSwitcher } from "./project-switcher";
import { ThemeToggle } from "./theme-toggle";

export function AppHeader() {
  return (
    <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b bg-background/95 px-4 backdrop-blur">
      <Link href="/" className="flex items-center gap-2 font-semibold focus-visible:outline-2 focus-visible:outline-ring">
        <Hexagon className="size-5 text-primary" aria-hidden />
        Hexclave
      </Link>
      <span className="text-muted-foreground" aria-hidden>
        /
      </span>
      <ProjectSwitcher />
      <div className="ml-auto flex items-center gap-2">
        <ThemeToggle />
        <UserButton />
      </div>
    </header>
  );
}
