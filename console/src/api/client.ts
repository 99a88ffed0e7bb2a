import type { TypedDocumentString } from "../gql/graphql";

/** A refused or failed API call, with the service's `extensions.code` and the message it wrote for a person. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    message: string,
    readonly code: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } & Record<string, unknown> }[];
  /** What the service's own routes (rate limit, body limit) answer instead of a GraphQL result. */
  error?: string;
  message?: string;
}

/**
 * Runs a query or mutation over HTTP with the bearer token. Resolves with `data`; throws {@link ApiError} with the
 * first error's code (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, ...), NETWORK_ERROR when the service cannot be
 * reached, or the HTTP status's when the answer is not GraphQL.
 */
export async function request<R, V>(token: string, document: TypedDocumentString<R, V>, variables: V): Promise<R> {
  let response: Response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json, application/json",
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch {
    throw new ApiError("The service cannot be reached. Check the connection and try again.", "NETWORK_ERROR");
  }
  const body = (await response.json().catch(() => null)) as GraphQLBody<R> | null;
  const [first] = body?.errors ?? [];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? "INTERNAL_SERVER_ERROR", first.extensions);
  if (body?.data) return body.data;
  throw new ApiError(body?.message ?? `The service answered ${response.status} ${response.statusText}.`, body?.error ?? `HTTP_${response.status}`);
}
