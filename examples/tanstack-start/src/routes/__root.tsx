/// <reference types="vite/client" />
import { HexclaveProvider, UserButton } from "@stackframe/tanstack-start";
import { HeadContent, Link, Outlet, Scripts, createRootRoute } from "@tanstack/react-router";
import { getHexclaveSession } from "../server/session";

export const Route = createRootRoute({
  head: () => ({
    meta: [{ charSet: "utf-8" }, { name: "viewport", content: "width=device-width, initial-scale=1" }, { title: "Hexclave × TanStack Start" }],
  }),
  loader: () => getHexclaveSession(),
  component: Root,
});

function Root() {
  const { app, user } = Route.useLoaderData();
  return (
    <html lang="en">
      <head>
        <HeadContent />
      </head>
      <body style={{ margin: 0, fontFamily: "system-ui, sans-serif" }}>
        <HexclaveProvider app={app} initialUser={user}>
          <header style={{ display: "flex", justifyContent: "space-between", alignItems: "center", padding: "12px 24px", borderBottom: "1px solid #e5e7eb" }}>
            <Link to="/">
              <strong>Hexclave × TanStack Start</strong>
            </Link>
            <UserButton />
          </header>
          <Outlet />
        </HexclaveProvider>
        <Scripts />
      </body>
    </html>
  );
}
