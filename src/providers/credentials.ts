import { secretsOf } from "./api-client.js";

/** The auth headers of an apiClient, and the strings that must never leave them (the credential, its parts, its encoding). */
export interface Authorization {
  headers: Record<string, string>;
  secrets: string[];
}

/** `credential` as a bearer token. */
export function bearerAuth(credential: string): Authorization {
  return { headers: { authorization: `Bearer ${credential}` }, secrets: secretsOf(credential) };
}

/** HTTP Basic auth of `userAndPassword` ("user:password"), carrying `credential` (default: the same string). */
export function basicAuth(userAndPassword: string, credential = userAndPassword): Authorization {
  const encoded = Buffer.from(userAndPassword).toString("base64");
  return { headers: { authorization: `Basic ${encoded}` }, secrets: secretsOf(credential, encoded) };
}

/** "user:secret" as Basic auth; a credential without a colon as a bearer token. */
export function basicOrBearer(credential: string): Authorization {
  return credential.includes(":") ? basicAuth(credential) : bearerAuth(credential);
}
