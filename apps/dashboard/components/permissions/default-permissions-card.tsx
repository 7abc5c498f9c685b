"use client";
import type { AdminTeamPermissionDefinition, HexclaveConfig } from "@stackframe/stack";
import { useMemo } from "react";
import { Controller, useForm } from "react-hook-form";
import { FormError, SubmitRow, submitTo } from "@/components/form";
import { Loaded } from "@/components/states";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { readConfig, type useProjectConfig } from "@/lib/config";
import { PermissionPicker } from "./permission-picker";

type Role = "teamCreator" | "teamMember" | "signUp";
type Values = Record<Role, string[]>;

const ROLES: { role: Role; legend: string; hint: string; scope: "team" | "project" }[] = [
  { role: "teamCreator", legend: "Team creators", hint: "Granted in a team to the user who creates it.", scope: "team" },
  { role: "teamMember", legend: "Team members", hint: "Granted in a team to everyone who joins it.", scope: "team" },
  { role: "signUp", legend: "New users", hint: "Project permissions granted to every user who signs up.", scope: "project" },
];

/** The ids a `{ permissionId: true }` map of the rendered config turns on, among those still defined. */
function enabledIds(config: HexclaveConfig, role: Role, defined: AdminTeamPermissionDefinition[]): string[] {
  const map = (readConfig(config, `rbac.defaultPermissions.${role}`) ?? {}) as Record<string, unknown>;
  return defined.filter((definition) => map[definition.id] === true).map((definition) => definition.id);
}

function DefaultPermissionsForm({
  config,
  update,
  options,
}: {
  config: HexclaveConfig;
  update: (changes: HexclaveConfig) => Promise<void>;
  options: Record<"team" | "project", AdminTeamPermissionDefinition[]>;
}) {
  const values = useMemo(
    () => Object.fromEntries(ROLES.map(({ role, scope }) => [role, enabledIds(config, role, options[scope])])) as Values,
    [config, options],
  );
  const form = useForm<Values>({ values, resetOptions: { keepIsSubmitSuccessful: true } });
  const { errors, dirtyFields } = form.formState;
  const onSubmit = form.handleSubmit(async (chosen) => {
    // Each map is written whole, which replaces the one before: a permission left out is no longer a default.
    const changes: HexclaveConfig = {};
    for (const { role } of ROLES) {
      if (dirtyFields[role]) changes[`rbac.defaultPermissions.${role}`] = Object.fromEntries(chosen[role].map((id) => [id, true]));
    }
    await submitTo(form, "root", () => update(changes));
  });
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5" noValidate>
      <div className="grid gap-6 md:grid-cols-3">
        {ROLES.map(({ role, legend, hint, scope }) => (
          <Controller
            key={role}
            control={form.control}
            name={role}
            render={({ field }) => (
              <PermissionPicker
                id={`default-${role}`}
                legend={legend}
                hint={hint}
                empty={`Define a ${scope} permission first.`}
                options={options[scope]}
                value={field.value}
                onChange={field.onChange}
              />
            )}
          />
        ))}
      </div>
      <FormError message={errors.root?.message} />
      <SubmitRow label="Save default permissions" state={form.formState} />
    </form>
  );
}

export function DefaultPermissionsCard({
  projectConfig,
  team,
  project,
}: {
  projectConfig: ReturnType<typeof useProjectConfig>;
  team: AdminTeamPermissionDefinition[];
  project: AdminTeamPermissionDefinition[];
}) {
  const options = useMemo(() => ({ team, project }), [team, project]);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Default permissions</CardTitle>
        <CardDescription>What users get without anyone granting it. Changing these does not touch existing grants.</CardDescription>
      </CardHeader>
      <CardContent>
        <Loaded state={projectConfig.state} rows={3}>
          {(config) => <DefaultPermissionsForm config={config} update={projectConfig.update} options={options} />}
        </Loaded>
      </CardContent>
    </Card>
  );
}
