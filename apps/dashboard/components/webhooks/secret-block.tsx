"use client";
import { CopyButton } from "@/components/copy-button";

/** A signing secret, readable this once: the server keeps it sealed and never answers it again. */
export function SecretBlock({ secret }: { secret: string }) {
  return (
    <div className="flex flex-col gap-2">
      {/* Wrapped, not scrolled: all of a secret is in view, and none of it under the copy button. */}
      <div className="flex items-start gap-3 rounded-md border bg-muted p-3">
        <pre aria-label="Signing secret" className="min-w-0 flex-1 whitespace-pre-wrap break-all py-1.5 font-mono text-sm">
          {secret}
        </pre>
        <CopyButton value={secret} label="Copy signing secret" />
      </div>
      <p className="text-sm text-muted-foreground">
        Copy it now: it is shown this once. Your receiver checks each request with it, for example with{" "}
        <code className="font-mono text-xs">new Webhook(secret).verify(body, headers)</code> from the <code className="font-mono text-xs">svix</code>{" "}
        package.
      </p>
    </div>
  );
}
