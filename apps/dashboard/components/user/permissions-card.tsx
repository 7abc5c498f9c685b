"use client";
import type { ServerUser } from "@stackframe/stack";
import { X } from "lucide-react";
import { useState } from "react";
import { FormError } from "@/components/form";
import { Loaded } from "@/components/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { errorMessage } from "@/lib/errors";
import { useAdminApp } from "@/lib/projects";
import { useAsync } from "@/lib/use-async";

export function PermissionsCard({ user }: { user: ServerUser }) {
  const app = useAdminApp();
  const data = useAsync(async () => {
    const [granted, definitions] = await Promise.all([user.listPermissions({ recursive: false }), app.listProjectPermissionDefinitions()]);
    return { granted: granted.map((permission) => permission.id), definitions };
  }, [user.id]);
  const [choice, setChoice] = useState("");
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>) => {
    try {
      await action();
      setError(null);
      data.reload();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>Project permissions</CardTitle>
        <CardDescription>Granted directly, across the whole project.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <Loaded state={data} rows={2}>
          {({ granted, definitions }) => {
            const grantable = definitions.filter((definition) => !granted.includes(definition.id));
            return (
              <>
                <ul className="flex flex-wrap gap-2" aria-label="Granted permissions">
                  {granted.length === 0 ? <li className="text-sm text-muted-foreground">None granted.</li> : null}
                  {granted.map((id) => (
                    <li key={id}>
                      <Badge className="gap-1 pr-1">
                        {id}
                        <button
                          type="button"
                          className="rounded-full p-0.5 hover:bg-background/50 focus-visible:outline-2 focus-visible:outline-ring"
                          aria-label={`Revoke ${id}`}
                          onClick={() => run(() => user.revokePermission(id))}
                        >
                          <X className="size-3" aria-hidden />
                        </button>
                      </Badge>
                    </li>
                  ))}
                </ul>
                <div className="flex gap-2">
                  <Select value={choice} onValueChange={setChoice}>
                    <SelectTrigger className="max-w-xs" aria-label="Permission to grant">
                      <SelectValue placeholder={grantable.length ? "Choose a permission" : "No permission left to grant"} />
                    </SelectTrigger>
                    <SelectContent>
                      {grantable.map((definition) => (
                        <SelectItem key={definition.id} value={definition.id}>
                          {definition.id}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                  <Button
                    variant="outline"
                    disabled={!choice}
                    onClick={() =>
                      run(async () => {
                        await user.grantPermission(choice);
                        setChoice("");
                      })
                    }
                  >
                    Grant
                  </Button>
                </div>
              </>
            );
          }}
        </Loaded>
        <FormError message={error ?? undefined} />
      </CardContent>
    </Card>
  );
}
