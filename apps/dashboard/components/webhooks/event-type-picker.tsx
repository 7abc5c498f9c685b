"use client";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@stackframe/stack";
import { Checkbox } from "@/components/ui/checkbox";

/** A checkbox per event of the catalog; none chosen means every event, as the API reads an empty filter. */
export function EventTypePicker({ id, value, onChange }: { id: string; value: WebhookEventType[]; onChange: (value: WebhookEventType[]) => void }) {
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={`${id}-hint`}>
      <legend className="mb-1 text-sm font-medium">Events</legend>
      <p id={`${id}-hint`} className="text-xs text-muted-foreground">
        {value.length === 0 ? "None chosen: the endpoint receives every event." : `${value.length} of ${WEBHOOK_EVENT_TYPES.length} events.`}
      </p>
      {/* Column by column, so each object's events stay together: users and teams, then memberships and permissions. */}
      <div className="grid gap-2 sm:grid-flow-col sm:grid-rows-6">
        {WEBHOOK_EVENT_TYPES.map((type) => {
          const checkboxId = `${id}-${type.replace(/[._]/g, "-")}`;
          return (
            <div key={type} className="flex items-center gap-2">
              <Checkbox
                id={checkboxId}
                checked={value.includes(type)}
                // Kept in the catalog's order, so the stored filter reads the same however it was ticked.
                onCheckedChange={(checked) => onChange(WEBHOOK_EVENT_TYPES.filter((each) => (each === type ? checked === true : value.includes(each))))}
              />
              <label htmlFor={checkboxId} className="font-mono text-xs">
                {type}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
