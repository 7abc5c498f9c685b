"use client";
// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.

import { useEffect, useId, useState } from "react";
import type { ActiveSession } from "../../lib/objects/active-session.js";
import type { CurrentUser } from "../../lib/objects/user.js";
import { errorMessage } from "./errors.js";
import { Alert, Button } from "./primitives.js";

type Sessions = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; sessions: ActiveSession[] };

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** This device first, then the most recently used, which is the order people look for them in. */
function sortSessions(sessions: ActiveSession[]): ActiveSession[] {
  const lastUsed = (session: ActiveSession) => (session.lastUsedAt ?? session.createdAt).getTime();
  return [...sessions].sort((a, b) => Number(b.isCurrentSession) - Number(a.isCurrentSession) || lastUsed(b) - lastUsed(a));
}

function SessionItem({ session, revoking, onRevoke }: { session: ActiveSession; revoking: boolean; onRevoke: () => void }) {
  const metaId = useId();
  return (
    <li className="hx-session">
      <div>
        <div>
          {session.isCurrentSession ? <span className="hx-badge">This device</span> : "Other device"}{" "}
          {session.isImpersonation ? <span className="hx-badge">Impersonation</span> : null}
        </div>
        <p id={metaId} className="hx-session-meta">
          Signed in <time dateTime={session.createdAt.toISOString()}>{dateFormat.format(session.createdAt)}</time>
          {session.lastUsedAt ? (
            <>
              {" · Last used "}
              <time dateTime={session.lastUsedAt.toISOString()}>{dateFormat.format(session.lastUsedAt)}</time>
            </>
          ) : null}
        </p>
      </div>
      {session.isCurrentSession ? null : (
        // Described by its dates, so "Revoke" tells a screen reader user which session it ends.
        <Button variant="danger" small loading={revoking} aria-describedby={metaId} onClick={onRevoke}>
          Revoke
        </Button>
      )}
    </li>
  );
}

/**
 * The user's signed-in devices, with a way to end the others (a lost phone, a shared computer).
 * @example <SessionsSection user={user} />
 */
export function SessionsSection({ user }: { user: CurrentUser }) {
  const titleId = useId();
  const [state, setState] = useState<Sessions>({ status: "loading" });
  const [revoking, setRevoking] = useState<string | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    user.getActiveSessions().then(
      (sessions) => {
        if (!cancelled) setState({ status: "ready", sessions: sortSessions(sessions) });
      },
      (error: unknown) => {
        if (!cancelled) setState({ status: "error", message: errorMessage(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [user]);

  const revoke = async (id: string) => {
    setRevoking(id);
    setRevokeError(null);
    try {
      await user.revokeSession(id);
      setState((previous) => (previous.status === "ready" ? { ...previous, sessions: previous.sessions.filter((session) => session.id !== id) } : previous));
    } catch (error) {
      setRevokeError(errorMessage(error));
    } finally {
      setRevoking(null);
    }
  };

  return (
    <section className="hx-section" aria-labelledby={titleId}>
      <h2 id={titleId} className="hx-section-title">
        Sessions
      </h2>
      <p className="hx-section-description">Devices where you are signed in. Revoke any you do not recognize.</p>
      {/* biome-ignore lint/a11y/useSemanticElements: an explicit status role is announced more reliably than <output>. */}
      <p role="status" className="hx-status">
        {state.status === "loading" ? "Loading sessions…" : ""}
      </p>
      <Alert message={state.status === "error" ? state.message : revokeError} />
      {state.status === "ready" ? (
        <ul aria-labelledby={titleId}>
          {state.sessions.map((session) => (
            <SessionItem key={session.id} session={session} revoking={revoking === session.id} onRevoke={() => void revoke(session.id)} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
