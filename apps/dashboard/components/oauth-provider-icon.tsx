import { KeyRound } from "lucide-react";
import { cn } from "@/lib/cn";
import { oauthTypeLook } from "@/lib/oauth-providers";

/**
 * A provider's initial on its brand colour, as the SDK's sign-in buttons show it: recognisable beside the name, and
 * no logo files to ship. The ring keeps black marks visible on the dark theme.
 */
export function OAuthProviderIcon({ type, className }: { type: string; className?: string }) {
  const look = oauthTypeLook(type);
  return (
    <span
      aria-hidden
      className={cn("inline-flex size-7 shrink-0 items-center justify-center rounded-md text-sm font-semibold ring-1 ring-inset ring-black/10 dark:ring-white/20", className)}
      style={{ background: look.color, color: look.text }}
    >
      {type === "oidc" ? <KeyRound className="size-4" /> : look.label.charAt(0)}
    </span>
  );
}
