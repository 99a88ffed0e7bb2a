import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import { ApiError, request } from "./api/client";
import { ConsoleContext, type Console } from "./context";
import { SessionDocument } from "./gql/graphql";
import { followLink, reportIdOf, usePath } from "./router";
import { asRole, forgetToken, storeToken, storedToken, type Session } from "./session";
import { NotFound } from "./views/not-found";
import { ReportPage } from "./views/report-page";
import { Reports } from "./views/reports";
import { SignIn } from "./views/sign-in";

const EXPIRED =
  "Your session ended: the service no longer accepts this token (it was revoked, or the organization's tokens changed). Sign in with a new token.";

/** Who the token is, or ApiError (UNAUTHENTICATED for an unknown or revoked token). */
async function open(token: string): Promise<Session> {
  const { session } = await request(token, SessionDocument, {});
  return { token, organization: session.organization, role: asRole(session.role) };
}

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [restoring, setRestoring] = useState(() => storedToken() !== null);
  const [notice, setNotice] = useState<string | null>(null);
  const path = usePath();

  const end = useCallback((message: string) => {
    forgetToken();
    setSession(null);
    setNotice(message);
  }, []);

  useEffect(() => {
    const token = storedToken();
    if (!token) return;
    open(token)
      .then(setSession)
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.code === "UNAUTHENTICATED") end(EXPIRED);
        else setNotice(error instanceof Error ? error.message : String(error));
      })
      .finally(() => setRestoring(false));
  }, [end]);

  const signIn = async (token: string) => {
    const opened = await open(token);
    storeToken(token);
    setNotice(null);
    setSession(opened);
  };

  const value = useMemo<Console | null>(() => {
    if (!session) return null;
    const expire = () => end(EXPIRED);
    return {
      session,
      expire,
      async call(document, variables) {
        try {
          return await request(session.token, document, variables);
        } catch (error) {
          if (error instanceof ApiError && error.code === "UNAUTHENTICATED") expire();
          throw error;
        }
      },
    };
  }, [session, end]);

  const reportId = reportIdOf(path);
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="/" onClick={(event) => followLink(event, "/")}>
          Ticket exports
        </a>
        {session && (
          <div class="who">
            <span>
              <span class="org">{session.organization}</span> · <span data-role={session.role}>{session.role}</span>
            </span>
            <button type="button" class="secondary" onClick={() => end("Signed out. The token was removed from this tab.")}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main">
        {restoring ? (
          <p class="loading" aria-live="polite">
            Checking your session…
          </p>
        ) : !value ? (
          <SignIn onSignIn={signIn} notice={notice} />
        ) : (
          <ConsoleContext.Provider value={value}>
            {path === "/" ? <Reports /> : reportId ? <ReportPage key={reportId} reportId={reportId} /> : <NotFound />}
          </ConsoleContext.Provider>
        )}
      </main>
    </>
  );
}
