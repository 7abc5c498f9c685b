import { useUser } from "@stackframe/tanstack-start";
import { createFileRoute } from "@tanstack/react-router";

export const Route = createFileRoute("/")({ component: Home });

function Home() {
  const user = useUser();
  return (
    <main style={{ padding: 24 }}>
      {user ? (
        <p id="greeting">
          Signed in as <b>{user.primaryEmail}</b>.
        </p>
      ) : (
        <p id="greeting">
          Not signed in. <a href="/handler/sign-in">Sign in</a> or <a href="/handler/sign-up">create an account</a>.
        </p>
      )}
    </main>
  );
}
