"use client";
import { zodResolver } from "@/lib/zod-resolver";
import type { AdminTeamPermissionDefinition } from "@stackframe/stack";
import { Controller, useForm } from "react-hook-form";
import * as z from "zod/mini";
import { Field, submitTo } from "@/components/form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { PermissionPicker } from "./permission-picker";

// The backend's rule for the ids of custom permissions; `$` is kept for the built-in team permissions.
const PERMISSION_ID = /^[a-z0-9_:]+$/;

export type DefinitionValues = { id: string; description: string; containedPermissionIds: string[] };

const schema = z.object({
  id: z.string().check(
    z.trim(),
    z.minLength(1, "Give the permission an id."),
    z.maxLength(256, "A permission id has at most 256 characters."),
    z.regex(PERMISSION_ID, "Use only lowercase letters, digits, _ and :, like docs:read."),
  ),
  // The config stores descriptions of up to 1024 characters, fewer than the route itself takes.
  description: z.string().check(z.trim(), z.maxLength(1024, "A description has at most 1024 characters.")),
  containedPermissionIds: z.array(z.string()),
});

/** Creates a permission (`editing` null) or changes the description and contents of one. */
export function PermissionDefinitionDialog({
  scopeLabel,
  open,
  onOpenChange,
  definitions,
  editing,
  onSave,
}: {
  scopeLabel: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  definitions: AdminTeamPermissionDefinition[];
  editing: AdminTeamPermissionDefinition | null;
  onSave: (values: DefinitionValues) => Promise<void>;
}) {
  const creating = editing === null;
  const form = useForm<DefinitionValues>({
    resolver: zodResolver(schema),
    values: { id: editing?.id ?? "", description: editing?.description ?? "", containedPermissionIds: editing?.containedPermissionIds ?? [] },
  });
  const { errors, isSubmitting } = form.formState;
  const options = definitions.filter((definition) => definition.id !== editing?.id);
  const onSubmit = form.handleSubmit(async (values) => {
    if (creating && definitions.some((definition) => definition.id === values.id)) {
      form.setError("id", { type: "validate", message: "A permission with this id already exists." });
      return;
    }
    // What the backend refuses here is about the contained permissions (one that no longer exists, for one).
    if (await submitTo(form, "containedPermissionIds", () => onSave(values))) form.reset();
  });
  const idPrefix = `${scopeLabel.toLowerCase()}-permission`;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) form.reset();
        onOpenChange(next);
      }}
    >
      <DialogContent
        title={creating ? `New ${scopeLabel.toLowerCase()} permission` : `Edit ${editing.id}`}
        description={creating ? "Holding a permission also grants every permission it contains." : "The id stays the same, so existing grants keep working."}
      >
        <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
          {creating ? (
            <Field id={`${idPrefix}-id`} label="Permission id" hint="Lowercase letters, digits, _ and :, like docs:read." error={errors.id?.message}>
              {(props) => <Input {...props} {...form.register("id")} className="font-mono" placeholder="docs:read" autoComplete="off" />}
            </Field>
          ) : null}
          <Field id={`${idPrefix}-description`} label="Description" hint="Optional: what holding it allows." error={errors.description?.message}>
            {(props) => <Input {...props} {...form.register("description")} autoComplete="off" />}
          </Field>
          <Controller
            control={form.control}
            name="containedPermissionIds"
            render={({ field }) => (
              <PermissionPicker
                id={`${idPrefix}-contained`}
                legend="Contained permissions"
                empty="There are no other permissions to contain yet."
                options={options}
                value={field.value}
                onChange={field.onChange}
                error={errors.containedPermissionIds?.message}
              />
            )}
          />
          <DialogFooter>
            <Button
              variant="outline"
              onClick={() => {
                form.reset();
                onOpenChange(false);
              }}
            >
              Cancel
            </Button>
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? "Saving…" : creating ? "Create permission" : "Save changes"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
