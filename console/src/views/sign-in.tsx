import { useState } from "preact/hooks";
import { ApiError } from "../api/client";
import { Alert } from "../ui/components";
import { usePageHeading } from "./page-heading";

export function SignIn({ onSignIn, notice }: { onSignIn(token: string): Promise<void>; notice: string | null }) {
  const heading = usePageHeading("Sign in");
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const value = token.trim();
    if (!value) {
      setError("Paste an API token first.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSignIn(value);
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.code === "UNAUTHENTICATED"
          ? "The service does not accept this token: it is mistyped, revoked, or from another installation."
          : caught instanceof Error
            ? caught.message
            : String(caught),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="sign-in">
      <h1 ref={heading} tabIndex={-1}>
        Sign in
      </h1>
      {notice && <Alert kind="info">{notice}</Alert>}
      <form onSubmit={submit} noValidate>
        <label for="token">API token</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          spellcheck={false}
          value={token}
          onInput={(event) => setToken(event.currentTarget.value)}
          aria-describedby="token-help"
          aria-invalid={error ? true : undefined}
        />
        <p id="token-help" class="help">
          Create one with <code>npm run token -- --org &lt;organization&gt; --role operator</code> (viewer to look and
          download, operator to export, admin to connect trackers). It stays in this tab only and is never put in an
          address.
        </p>
        {error && <Alert>{error}</Alert>}
        <button type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </section>
  );
}
