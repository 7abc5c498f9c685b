"use client";
import { zodResolver } from "@/lib/zod-resolver";
import type { WebhookEndpoint, WebhookEventType } from "@stackframe/stack";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import * as z from "zod/mini";
import { Field, FormError, submitTo } from "@/components/form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { useAdminApp } from "@/lib/projects";
import { EventTypePicker } from "./event-type-picker";
import { SecretBlock } from "./secret-block";

const isWebUrl = (value: string) => {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

// What the backend would refuse for its shape; whether the address may be reached (https, private networks) is its call.
const schema = z.object({
  url: z.string().check(
    z.trim(),
    z.minLength(1, "Enter the URL the events are sent to."),
    z.maxLength(2048, "A URL has at most 2048 characters."),
    z.refine(isWebUrl, "Enter a full URL, like https://api.example.com/webhooks."),
  ),
  description: z.string().check(z.trim(), z.maxLength(1000, "A description has at most 1000 characters.")),
  eventTypes: z.array(z.string()),
  enabled: z.boolean(),
});

type Values = z.infer<typeof schema>;
type Options = Omit<Values, "eventTypes"> & { eventTypes: WebhookEventType[] };

function changedFields(endpoint: WebhookEndpoint, values: Options): Partial<Options> {
  return {
    ...(values.url !== endpoint.url ? { url: values.url } : {}),
    ...(values.description !== endpoint.description ? { description: values.description } : {}),
    ...(values.eventTypes.join() !== endpoint.eventTypes.join() ? { eventTypes: values.eventTypes } : {}),
    ...(values.enabled !== endpoint.enabled ? { enabled: values.enabled } : {}),
  };
}

/** Adds an endpoint (`editing` null), then shows its secret this once; or changes one. */
export function EndpointDialog({
  open,
  onOpenChange,
  editing,
  onSaved,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  editing: WebhookEndpoint | null;
  onSaved: () => void;
}) {
  const app = useAdminApp();
  const [secret, setSecret] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    values: { url: editing?.url ?? "", description: editing?.description ?? "", eventTypes: [...(editing?.eventTypes ?? [])], enabled: editing?.enabled ?? true },
  });
  const { errors, isSubmitting } = form.formState;
  const close = () => {
    form.reset();
    setSecret(null);
    onOpenChange(false);
  };
  const onSubmit = form.handleSubmit(async (values) => {
    const options: Options = { ...values, eventTypes: values.eventTypes as WebhookEventType[] };
    // The backend's refusals here are about the URL: not https, or an address it will not send to.
    await submitTo(form, "url", async () => {
      if (editing) {
        // Only what changed: sending `enabled` again would also clear the reason the server turned the endpoint off.
        await app.updateWebhookEndpoint(editing.id, changedFields(editing, options));
        onSaved();
        close();
      } else {
        setSecret((await app.createWebhookEndpoint(options)).secret);
        onSaved();
      }
    });
  });
  return (
    <Dialog open={open} onOpenChange={(next) => (next ? onOpenChange(true) : close())}>
      <DialogContent
        className="max-w-xl"
        title={secret ? "Endpoint added" : editing ? "Edit endpoint" : "Add endpoint"}
        description={secret ? "Events are signed with this secret." : "Events are sent as signed POST requests, retried until the receiver answers 2xx."}
      >
        {secret ? (
          <>
            <SecretBlock secret={secret} />
            <DialogFooter>
              <Button onClick={close}>I have copied it</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
            <Field id="webhook-url" label="URL" hint="https, reachable from the Hexclave server." error={errors.url?.message}>
              {(props) => <Input {...props} {...form.register("url")} type="url" placeholder="https://api.example.com/webhooks" autoComplete="off" />}
            </Field>
            <Field id="webhook-description" label="Description" hint="Optional: what receives them." error={errors.description?.message}>
              {(props) => <Input {...props} {...form.register("description")} autoComplete="off" />}
            </Field>
            <Controller
              control={form.control}
              name="eventTypes"
              render={({ field }) => <EventTypePicker id="webhook-events" value={field.value as WebhookEventType[]} onChange={field.onChange} />}
            />
            <Controller
              control={form.control}
              name="enabled"
              render={({ field }) => (
                <div className="flex items-center justify-between gap-4">
                  <div>
                    <Label htmlFor="webhook-enabled">Enabled</Label>
                    <p id="webhook-enabled-hint" className="text-xs text-muted-foreground">
                      Off: nothing is sent, and what happens meanwhile is not kept for later.
                    </p>
                  </div>
                  <Switch id="webhook-enabled" aria-describedby="webhook-enabled-hint" checked={field.value} onCheckedChange={field.onChange} />
                </div>
              )}
            />
            <FormError message={errors.root?.message} />
            <DialogFooter>
              <Button variant="outline" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={isSubmitting}>
                {isSubmitting ? "Saving…" : editing ? "Save changes" : "Add endpoint"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
