"use client";
import type { ServerUser } from "@stackframe/stack";
import { JsonEditor } from "@/components/json-editor";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

export function MetadataCard({ user }: { user: ServerUser }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Metadata</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-6 lg:grid-cols-3">
        <JsonEditor
          id="client-metadata"
          label="Client metadata"
          hint="Read and written by the user's own app."
          value={user.clientMetadata}
          onSave={(value) => user.update({ clientMetadata: value as never })}
        />
        <JsonEditor
          id="client-read-only-metadata"
          label="Client read-only metadata"
          hint="Readable by the user's app, written only by your server."
          value={user.clientReadOnlyMetadata}
          onSave={(value) => user.update({ clientReadOnlyMetadata: value as never })}
        />
        <JsonEditor
          id="server-metadata"
          label="Server metadata"
          hint="Only your server sees it."
          value={user.serverMetadata}
          onSave={(value) => user.update({ serverMetadata: value as never })}
        />
      </CardContent>
    </Card>
  );
}
