import { redirect } from "next/navigation";
import { setRedirect } from "../lib/urls.js";

/** On the server, Next's redirect() ends the render with a redirect response; browsers navigate as usual. */
export function installNextRedirect(): void {
  setRedirect((url, { replace }) => {
    if (typeof window === "undefined") redirect(url);
    if (replace) window.location.replace(url);
    else window.location.assign(url);
  });
}
