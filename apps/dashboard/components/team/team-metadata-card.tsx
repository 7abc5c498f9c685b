"use client";
import type { ServerTeam } from "@stackframe/stack";
import { JsonEditor } from "@/components/json-editor";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

export function TeamMetadataCard({ team }: { team: ServerTeam }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Metadata</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-6 lg:grid-cols-3">
        <JsonEditor
          id="team-client-metadata"
          label="Client metadata"
          hint="Read and written by your app, for members allowed to update the team."
          value={team.clientMetadata}
          onSave={(value) => team.update({ clientMetadata: value as never })}
        />
        <JsonEditor
          id="team-client-read-only-metadata"
          label="Client read-only metadata"
          hint="Readable by your app, written only by your server."
          value={team.clientReadOnlyMetadata}
          onSave={(value) => team.update({ clientReadOnlyMetadata: value as never })}
        />
        <JsonEditor
          id="team-server-metadata"
          label="Server metadata"
          hint="Only your server sees it."
          value={team.serverMetadata}
          onSave={(value) => team.update({ serverMetadata: value as never })}
        />
      </CardContent>
    </Card>
  );
}
