"use client";
import { type AdminOwnedProject, type CurrentInternalUser, HexclaveAdminApp, useUser } from "@stackframe/stack";
import { type ReactNode, createContext, useContext } from "react";
import { type AsyncState, useAsync } from "./use-async";

// The owned-project methods of internal users arrive with the admin app's class; naming it keeps it in the bundle.
void HexclaveAdminApp;

type ProjectsValue = { user: CurrentInternalUser | null; projects: AsyncState<AdminOwnedProject[]> };

const ProjectsContext = createContext<ProjectsValue | null>(null);

/** The signed-in operator and the projects their teams own; signed-out visitors are sent to sign in. */
export function ProjectsProvider({ children }: { children: ReactNode }) {
  const user = useUser({ or: "redirect" }) as CurrentInternalUser | null;
  const projects = useAsync(async () => (user ? await user.listOwnedProjects() : []), [user?.id]);
  return <ProjectsContext.Provider value={{ user, projects }}>{children}</ProjectsContext.Provider>;
}

export function useProjects(): ProjectsValue {
  const value = useContext(ProjectsContext);
  if (!value) throw new Error("useProjects must be used inside <ProjectsProvider>.");
  return value;
}

const ProjectContext = createContext<AdminOwnedProject | null>(null);

export const ProjectProvider = ProjectContext.Provider;

/** The project the page is about, with the admin app that acts on it through the operator's session. */
export function useProject(): AdminOwnedProject {
  const project = useContext(ProjectContext);
  if (!project) throw new Error("useProject must be used inside a project's pages.");
  return project;
}

export function useAdminApp(): HexclaveAdminApp {
  return useProject().app;
}
