import type { Dispatch, SetStateAction } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";

/** The cursors of the pages opened so far, newest first; `undefined` is the first page. */
export type CursorPages = (string | undefined)[];

/** Newer and Older over a list the API pages with a cursor, newest first. */
export function CursorPager({
  pages,
  setPages,
  nextCursor,
  className,
}: { pages: CursorPages; setPages: Dispatch<SetStateAction<CursorPages>>; nextCursor: string | null | undefined; className?: string }) {
  return (
    <div className={cn("flex justify-end gap-2", className)}>
      <Button variant="outline" size="sm" disabled={pages.length === 1} onClick={() => setPages((list) => list.slice(0, -1))}>
        Newer
      </Button>
      <Button variant="outline" size="sm" disabled={!nextCursor} onClick={() => nextCursor && setPages((list) => [...list, nextCursor])}>
        Older
      </Button>
    </div>
  );
}
