"use client";
import type { ServerUserUpdateOptions } from "@stackframe/stack";
import { JsonEditor } from "./json-editor";
import { Card, CardContent, CardHeader, CardTitle } from "./ui/card";

type Metadata = { clientMetadata: unknown; clientReadOnlyMetadata: unknown; serverMetadata: unknown };
type MetadataUpdate = Pick<ServerUserUpdateOptions, "clientMetadata" | "clientReadOnlyMetadata" | "serverMetadata">;
type Json = NonNullable<MetadataUpdate["serverMetadata"]>;

/** The three metadata fields users and teams both have, each a JSON editor that saves on its own. */
export function MetadataCard({
  idPrefix,
  owner,
  clientHint,
  update,
}: {
  idPrefix: string;
  owner: Metadata;
  clientHint: string;
  update: (change: MetadataUpdate) => Promise<void>;
}) {
  const fields = [
    { key: "clientMetadata", label: "Client metadata", hint: clientHint },
    { key: "clientReadOnlyMetadata", label: "Client read-only metadata", hint: "Readable by your app, written only by your server." },
    { key: "serverMetadata", label: "Server metadata", hint: "Only your server sees it." },
  ] as const;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Metadata</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-6 lg:grid-cols-3">
        {fields.map((field) => (
          <JsonEditor
            key={field.key}
            id={`${idPrefix}-${field.key}`}
            label={field.label}
            hint={field.hint}
            value={owner[field.key]}
            onSave={(value) => update({ [field.key]: value as Json })}
          />
        ))}
      </CardContent>
    </Card>
  );
}
