import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { ProjectsProvider } from "@/lib/projects";

export default function AppLayout({ children }: { children: ReactNode }) {
  return (
    <ProjectsProvider>
      <AppHeader />
      {children}
    </ProjectsProvider>
  );
}
