import { UserButton } from "@stackframe/stack";
import Link from "next/link";
import { hexclaveServerApp } from "../hexclave";

export default async function Home() {
  const user = await hexclaveServerApp.getUser();
  return (
    <>
      <header>
        <strong>Hexclave × Next.js</strong>
        <UserButton />
      </header>
      <main>
        {user ? (
          <p id="greeting">
            Signed in as <b>{user.primaryEmail}</b> (read in a server component).
          </p>
        ) : (
          <p id="greeting">
            Not signed in. <Link href="/handler/sign-in">Sign in</Link> or <Link href="/handler/sign-up">create an account</Link>.
          </p>
        )}
      </main>
    </>
  );
}
