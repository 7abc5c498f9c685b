"use client";

import { useEffect, useState } from "react";
import { AFTER_AUTH_RETURN_TO, withAfterAuthReturnTo } from "../../lib/urls.js";

/**
 * `pageUrl` with this page's `after_auth_return_to`, so going from sign-in to sign-up (or back) keeps where to return
 * to. Read after hydration, since the server renders without the query; the page that finally uses the value checks it
 * is on this site.
 */
export function useCarriedReturnTo(pageUrl: string): string {
  const [url, setUrl] = useState(pageUrl);
  useEffect(() => {
    const returnTo = new URL(window.location.href).searchParams.get(AFTER_AUTH_RETURN_TO);
    setUrl(returnTo === null ? pageUrl : withAfterAuthReturnTo(pageUrl, returnTo));
  }, [pageUrl]);
  return url;
}
