"use client";
// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.

import { useState } from "react";

/** Up to two letters naming the user: initials of the display name, else the first letter of the email. */
export function initialsOf(displayName: string | null, email: string | null): string {
  const words = (displayName ?? "").trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words.length === 1 ? [words[0]] : [email ?? ""];
  // Array.from splits by code point, so a name starting with an emoji or astral letter stays whole.
  const initials = letters.map((word) => Array.from(word ?? "")[0] ?? "").join("");
  return initials.toUpperCase() || "?";
}

type AvatarProps = { imageUrl: string | null; displayName: string | null; email: string | null };

/**
 * Decorative: whatever contains it carries the accessible name.
 * @example <Avatar imageUrl={user.profileImageUrl} displayName={user.displayName} email={user.primaryEmail} />
 */
export function Avatar({ imageUrl, displayName, email }: AvatarProps) {
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  if (imageUrl && failedUrl !== imageUrl) {
    return <img className="hx-avatar" src={imageUrl} alt="" onError={() => setFailedUrl(imageUrl)} referrerPolicy="no-referrer" />;
  }
  return (
    <span className="hx-avatar" aria-hidden="true">
      {initialsOf(displayName, email)}
    </span>
  );
}
