import type { Config } from "../../config.js";
import type { ProviderTargetRow } from "../../db/schema.js";
import type { CredentialBox } from "../../crypto/credential-box.js";
import type { CallOutcome } from "../../domain/target-health.js";
import type { Provider } from "../../domain/vocabulary.js";
import { checkEndpoint, type EndpointPolicy, type EndpointVerdict } from "../../net/endpoint-safety.js";
import { createSafeHttp, SafeHttpError, type SafeHttp } from "../../net/safe-http.js";
import { adapterFor, ProviderError, type ProviderAdapter, type TargetConnection } from "../../providers/index.js";

/**
 * The one way out to trackers: the deployment's endpoint policy, the safe HTTP client, the adapters and the sealed
 * credentials. Nothing else in the service opens a credential or makes an outbound call.
 */
export class ProviderGateway {
  readonly policy: EndpointPolicy;
  private readonly http: SafeHttp;

  constructor(
    private readonly config: Config,
    readonly box: CredentialBox,
  ) {
    this.policy = { mode: config.deploymentMode, allowlist: config.providerEndpointAllowlist };
    this.http = createSafeHttp({ policy: this.policy, timeoutMs: config.providerTimeoutMs });
  }

  /** Whether `baseUrl` may be contacted; throws MalformedEndpointError when it is not an http(s) URL. */
  verdict(baseUrl: string): Promise<EndpointVerdict> {
    return checkEndpoint(baseUrl, this.policy);
  }

  adapter(provider: Provider): ProviderAdapter | null {
    const baseMs = this.config.providerRetryBaseMs;
    return adapterFor(provider, this.http, { retry: { baseMs, capMs: baseMs * 10 } });
  }

  connection(target: Pick<ProviderTargetRow, "provider" | "baseUrl" | "projectKey" | "credentialCiphertext">): TargetConnection {
    return {
      provider: target.provider,
      baseUrl: target.baseUrl,
      projectKey: target.projectKey,
      credential: this.box.open(target.credentialCiphertext),
    };
  }

  /** Runs a tracker call and sorts its failure for the target's health; other errors are bugs and propagate. */
  async call<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | (CallOutcome & { ok: false })> {
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      if (error instanceof ProviderError) {
        return { ok: false, kind: error.kind, message: error.message, retryAfter: error.retryAfter };
      }
      if (error instanceof SafeHttpError) return { ok: false, kind: error.kind, message: error.message };
      throw error;
    }
  }
}
