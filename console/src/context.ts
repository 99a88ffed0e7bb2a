import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { TypedDocumentString } from "./gql/graphql";
import type { Session } from "./session";

export interface Console {
  session: Session;
  /** Runs a query or mutation with the session's token; an UNAUTHENTICATED answer ends the session. */
  call<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<R>;
  /** Ends the session because the service no longer accepts its token. */
  expire(): void;
}

export const ConsoleContext = createContext<Console | null>(null);

export function useConsole(): Console {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error("useConsole() outside a signed-in console");
  return value;
}
