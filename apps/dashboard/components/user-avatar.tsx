import { cn } from "@/lib/cn";

/** The user's picture, or the first letter of their name or email on a coloured circle. */
export function UserAvatar({ user, className }: { user: { displayName: string | null; primaryEmail: string | null; profileImageUrl: string | null }; className?: string }) {
  const initial = (user.displayName ?? user.primaryEmail ?? "?").trim().charAt(0).toUpperCase();
  if (user.profileImageUrl) {
    return <img src={user.profileImageUrl} alt="" className={cn("size-8 rounded-full object-cover", className)} />;
  }
  return (
    <span aria-hidden className={cn("inline-flex size-8 items-center justify-center rounded-full bg-accent text-sm font-semibold text-accent-foreground", className)}>
      {initial}
    </span>
  );
}
