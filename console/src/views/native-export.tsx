import { useEffect, useState } from "preact/hooks";
import { useConsole } from "../context";
import {
  ConnectProviderTargetDocument,
  DisconnectProviderTargetDocument,
  ExportToProviderDocument,
  ProviderTargetsDocument,
  type DuplicatePolicy,
  type ExportToProviderMutation,
  type Provider,
  type SourceRowFragment,
  type TargetFragment,
} from "../gql/graphql";
import { roleAllows } from "../session";
import { Alert, ChoiceSelect, ErrorMessage, OutLink } from "../ui/components";
import { DataTable, SOURCE_ID_COLUMN } from "../ui/data-table";
import { ACTION_LABEL, POLICY_LABEL, PROVIDERS, PROVIDER_LABEL, TARGET_STATE_LABEL, count, formatDateTime } from "../ui/labels";
import { Step } from "./step";

type Delivery = ExportToProviderMutation["exportToProvider"][number];

interface NativeProps {
  selected: SourceRowFragment[];
  canOperate: boolean;
  onSources(rows: SourceRowFragment[]): void;
}

/**
 * Step 7: the later provider-native export. Every source goes out under its duplicate key, so a ticket the customer
 * imported from a file is linked (or updated, or left alone under BLOCK) instead of duplicated. Admins manage targets.
 */
export function NativeExport({ selected, canOperate, onSources }: NativeProps) {
  const { call, session } = useConsole();
  const [targets, setTargets] = useState<TargetFragment[] | null>(null);
  const [targetId, setTargetId] = useState("");
  const [policy, setPolicy] = useState<DuplicatePolicy>("BLOCK");
  const [deliveries, setDeliveries] = useState<Delivery[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const isAdmin = roleAllows(session.role, "admin");

  const load = () =>
    call(ProviderTargetsDocument, {})
      .then(({ providerTargets }) => setTargets(providerTargets))
      .catch(setError);
  useEffect(() => {
    void load();
  }, []);

  const usable = targets?.filter((target) => target.state === "ACTIVE") ?? [];
  const chosen = usable.find((target) => target.id === targetId) ?? null;

  const deliver = async () => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      const { exportToProvider } = await call(ExportToProviderDocument, {
        input: { sourceIds: selected.map((source) => source.id), targetId: chosen.id, onDuplicate: policy },
      });
      setDeliveries(exportToProvider);
      onSources(exportToProvider.map((delivery) => delivery.source));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
      void load();
    }
  };

  return (
    <Step number={7} title="Export natively, later" done={deliveries !== null} locked={selected.length ? null : "Select sources first."}>
      <p>
        When a tracker can be used, send the sources there. Each goes out under its fingerprint: a ticket already made from
        a file is linked or updated, never duplicated.
      </p>
      {targets === null && error === null && <p class="loading">Loading trackers…</p>}
      {targets && targets.length === 0 && <p>No tracker is connected{isAdmin ? "; connect one below." : "; an admin can connect one."}</p>}
      {targets && targets.length > 0 && (
        <fieldset class="targets">
          <legend>Tracker</legend>
          {targets.map((target) => (
            <div key={target.id} class="target" data-target-state={target.state}>
              <label class="choice">
                <input
                  type="radio"
                  name="target"
                  value={target.id}
                  checked={targetId === target.id}
                  disabled={target.state !== "ACTIVE"}
                  onChange={() => setTargetId(target.id)}
                />
                {target.name} ({PROVIDER_LABEL[target.provider]}, {target.projectKey}) — {TARGET_STATE_LABEL[target.state]}
                {target.state === "RATE_LIMITED" && target.retryAfter && `, until ${formatDateTime(target.retryAfter)}`}
              </label>
              {target.lastError && <p class="help">Last error: {target.lastError}</p>}
              {isAdmin && target.state !== "DISCONNECTED" && (
                <button
                  type="button"
                  class="secondary small"
                  onClick={() =>
                    call(DisconnectProviderTargetDocument, { id: target.id })
                      .then(load)
                      .catch(setError)
                  }
                >
                  Disconnect {target.name}
                </button>
              )}
            </div>
          ))}
        </fieldset>
      )}
      <fieldset class="policy">
        <legend>When a source already has a linked ticket</legend>
        {(["BLOCK", "UPDATE"] as const).map((option) => (
          <label key={option} class="choice">
            <input type="radio" name="policy" value={option} checked={policy === option} onChange={() => setPolicy(option)} />
            {POLICY_LABEL[option]}
          </label>
        ))}
      </fieldset>
      <button type="button" onClick={deliver} disabled={!canOperate || !chosen || selected.length === 0 || busy}>
        {busy ? "Exporting…" : `Export ${count(selected.length, "source")} natively`}
      </button>
      {error !== null && <ErrorMessage error={error} />}
      {deliveries && (
        <DataTable
          class="deliveries"
          caption="Native export results"
          rows={deliveries}
          rowKey={(delivery) => delivery.id}
          rowData={(delivery) => ({ "data-action": delivery.action })}
          columns={[
            SOURCE_ID_COLUMN,
            { label: "Result", cell: (delivery) => `${ACTION_LABEL[delivery.action]}${delivery.error ? `: ${delivery.error}` : ""}` },
            {
              label: "Ticket",
              cell: (delivery) => (delivery.externalKey ? <OutLink url={delivery.externalUrl}>{delivery.externalKey}</OutLink> : "—"),
            },
          ]}
        />
      )}
      {isAdmin && <ConnectTarget onConnected={load} />}
    </Step>
  );
}

function ConnectTarget({ onConnected }: { onConnected(): void }) {
  const { call } = useConsole();
  const [provider, setProvider] = useState<Provider>("GITHUB");
  const [name, setName] = useState("");
  const [baseUrl, setBaseUrl] = useState("");
  const [projectKey, setProjectKey] = useState("");
  const [credential, setCredential] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [connected, setConnected] = useState<TargetFragment | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const { connectProviderTarget } = await call(ConnectProviderTargetDocument, {
        input: { provider, name: name.trim(), baseUrl: baseUrl.trim(), projectKey: projectKey.trim(), credential },
      });
      setConnected(connectProviderTarget);
      setCredential("");
      onConnected();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <details class="connect">
      <summary>Connect a tracker (admin)</summary>
      <form onSubmit={submit}>
        <ChoiceSelect
          id="target-provider"
          label="Tracker"
          value={provider}
          options={PROVIDERS}
          labels={PROVIDER_LABEL}
          onChange={(value) => value && setProvider(value)}
        />
        <div class="field">
          <label for="target-name">Name</label>
          <input id="target-name" required value={name} onInput={(event) => setName(event.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="target-url">API base URL</label>
          <input
            id="target-url"
            type="url"
            required
            placeholder="https://api.github.com"
            value={baseUrl}
            onInput={(event) => setBaseUrl(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="target-project">Project or repository</label>
          <input id="target-project" required value={projectKey} onInput={(event) => setProjectKey(event.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="target-credential">Credential</label>
          <input
            id="target-credential"
            type="password"
            autoComplete="off"
            required
            value={credential}
            onInput={(event) => setCredential(event.currentTarget.value)}
            aria-describedby="target-credential-help"
          />
          <p id="target-credential-help" class="help">
            Stored encrypted and never shown again.
          </p>
        </div>
        <button type="submit">Connect</button>
        {error !== null && <ErrorMessage error={error} />}
        {connected && (
          <Alert kind={connected.state === "ACTIVE" ? "success" : "warning"}>
            {connected.name}: {TARGET_STATE_LABEL[connected.state]}
            {connected.lastError && ` (${connected.lastError})`}
          </Alert>
        )}
      </form>
    </details>
  );
}
