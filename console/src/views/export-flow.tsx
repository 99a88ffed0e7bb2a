import { useEffect, useRef, useState } from "preact/hooks";
import { useConsole } from "../context";
import {
  CreateExportDocument,
  EvaluateFallbackDocument,
  PreviewExportDocument,
  type EvaluateFallbackMutation,
  type ExportFileDetailFragment,
  type ExportFormat,
  type PortableExportInput,
  type PreviewExportMutation,
  type Provider,
  type SourceRowFragment,
} from "../gql/graphql";
import { Alert, ChoiceSelect, ErrorMessage } from "../ui/components";
import { DataTable, SOURCE_ID_COLUMN } from "../ui/data-table";
import {
  FINDING_KIND_LABEL,
  FORMATS,
  FORMAT_LABEL,
  OUTCOME_LABEL,
  PROVIDERS,
  PROVIDER_LABEL,
  REASON_LABEL,
  count,
} from "../ui/labels";
import { ExportFileCard, ItemTable } from "./export-file";
import { Step } from "./step";

type Decision = EvaluateFallbackMutation["evaluateFallback"][number];
type Preview = PreviewExportMutation["previewPortableExport"];

/** An idempotency key for one intended export, so that a retried or double-clicked request makes one file. */
function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}

/** Runs one call at a time for a step: its busy flag, its error, and the call. */
function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, reset: () => setError(null) };
}

interface FlowProps {
  selected: SourceRowFragment[];
  canOperate: boolean;
  /** Sources as a mutation returned them, fresher than the page's. */
  onSources(rows: SourceRowFragment[]): void;
  onFileCreated(file: ExportFileDetailFragment): void;
}

/**
 * Steps 2 to 6 of the page: why not native, the format, the evidence-safe preview, the import-boundary
 * acknowledgement, and the file with its download. Each step opens when the one before is done; changing an earlier
 * answer closes the later steps again, so nothing is made from a stale preview.
 */
export function ExportFlow({ selected, canOperate, onSources, onFileCreated }: FlowProps) {
  const { call } = useConsole();
  const ids = selected.map((source) => source.id);
  const selection = ids.join(",");

  const [decisions, setDecisions] = useState<Decision[] | null>(null);
  const [requirement, setRequirement] = useState("");
  const [format, setFormat] = useState<ExportFormat>("PORTABLE_EXPORT");
  const [tracker, setTracker] = useState<Provider | "">("");
  const [redact, setRedact] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const [file, setFile] = useState<ExportFileDetailFragment | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const deciding = useAction();
  const previewing = useAction();
  const creating = useAction();

  // Bumped whenever an answer the later steps depend on changes: a reply to a request sent before is not shown.
  const asked = useRef({ selection: 0, inputs: 0 });
  useEffect(() => {
    asked.current.selection += 1;
    setDecisions(null);
    deciding.reset();
  }, [selection]);
  useEffect(() => {
    asked.current.inputs += 1;
    setPreview(null);
    setAcknowledged(false);
    setFile(null);
    setIdempotencyKey(newIdempotencyKey());
    previewing.reset();
    creating.reset();
  }, [selection, decisions, format, tracker, redact]);

  const native = decisions?.filter((decision) => decision.outcome === "PROVIDER_NATIVE") ?? [];
  const blocked = decisions?.filter((decision) => decision.outcome === "BLOCKED") ?? [];
  const decided = decisions !== null && native.length === 0;
  const input = (): PortableExportInput => ({
    sourceIds: ids,
    format,
    intendedTracker: tracker || null,
    redact,
    acknowledgeImportBoundary: acknowledged,
  });

  const evaluate = (requirePortable?: boolean) =>
    deciding.run(async () => {
      const sent = asked.current.selection;
      const { evaluateFallback } = await call(EvaluateFallbackDocument, {
        sourceIds: ids,
        ...(requirePortable && { requirePortable: true, reason: requirement.trim() }),
      });
      onSources(evaluateFallback.map((decision) => decision.source));
      if (sent === asked.current.selection) setDecisions(evaluateFallback);
    });

  const runPreview = () =>
    previewing.run(async () => {
      const sent = asked.current.inputs;
      const { previewPortableExport } = await call(PreviewExportDocument, { input: input() });
      if (sent === asked.current.inputs) setPreview(previewPortableExport);
    });

  const create = () =>
    creating.run(async () => {
      const sent = asked.current.inputs;
      const { createPortableExport } = await call(CreateExportDocument, { input: { ...input(), idempotencyKey } });
      onFileCreated(createPortableExport);
      if (sent === asked.current.inputs) setFile(createPortableExport);
    });

  const none = selected.length === 0;
  return (
    <>
      <Step number={2} title="Why not a native export" done={decided} locked={none ? "Select sources first." : null}>
        <p>
          Records, for each selected source, whether a connected tracker can take it now and, if not, why. A file is made
          only when native export cannot be used or the customer requires one.
        </p>
        <button type="button" onClick={() => void evaluate()} disabled={!canOperate || none || deciding.busy}>
          {deciding.busy ? "Checking…" : `Check native export for ${count(selected.length, "source")}`}
        </button>
        {deciding.error !== null && <ErrorMessage error={deciding.error} />}
        {decisions && (
          <DataTable
            class="decisions"
            caption="Fallback decisions"
            rows={decisions}
            rowKey={(decision) => decision.id}
            rowData={(decision) => ({ "data-source-id": decision.source.sourceId })}
            columns={[
              SOURCE_ID_COLUMN,
              {
                label: "Outcome",
                cell: (decision) => OUTCOME_LABEL[decision.outcome],
                data: (decision) => ({ "data-outcome": decision.outcome }),
              },
              {
                label: "Reason",
                cell: (decision) => (decision.reason ? REASON_LABEL[decision.reason] : "—"),
                data: (decision) => ({ "data-reason": decision.reason ?? "" }),
              },
              { label: "Detail", cell: (decision) => decision.detail },
            ]}
          />
        )}
        {native.length > 0 && (
          <div class="requirement">
            <Alert kind="warning">
              {native.length} of {count(decisions!.length, "source")} can go to {native[0].target?.name ?? "a connected tracker"}{" "}
              natively. Export them natively (step 7), or record that the customer requires a file.
            </Alert>
            <label for="requirement">Why the customer requires a file</label>
            <textarea
              id="requirement"
              rows={2}
              value={requirement}
              onInput={(event) => setRequirement(event.currentTarget.value)}
            />
            <button
              type="button"
              class="secondary"
              disabled={!canOperate || !requirement.trim() || deciding.busy}
              onClick={() => void evaluate(true)}
            >
              Record the customer's requirement
            </button>
          </div>
        )}
        {blocked.length > 0 && (
          <Alert kind="warning">
            {count(blocked.length, "source")} {blocked.length === 1 ? "holds" : "hold"} unsafe content. The preview shows where; redact it in the file, or fix it at the
            source and ingest again.
          </Alert>
        )}
      </Step>

      <Step number={3} title="Format" done={decided} locked={decided ? null : "Record why not native first."}>
        <fieldset class="formats" disabled={!decided}>
          <legend>File format</legend>
          {FORMATS.map((option) => (
            <label key={option} class="choice">
              <input type="radio" name="format" value={option} checked={format === option} onChange={() => setFormat(option)} />
              {FORMAT_LABEL[option]}
              {option === "PORTABLE_EXPORT" && <span class="help"> — the service picks for the tracker and says why</span>}
            </label>
          ))}
        </fieldset>
        <ChoiceSelect
          id="tracker"
          label="Tracker the customer imports into"
          value={tracker}
          options={PROVIDERS}
          labels={PROVIDER_LABEL}
          empty="Not known"
          disabled={!decided}
          onChange={setTracker}
        />
        <label class="choice">
          <input type="checkbox" checked={redact} disabled={!decided} onChange={(event) => setRedact(event.currentTarget.checked)} />
          Redact findings in the file (each becomes [redacted:kind])
        </label>
      </Step>

      <Step number={4} title="Evidence-safe preview" done={preview?.safe === true} locked={decided ? null : "Choose the format first."}>
        <button type="button" onClick={runPreview} disabled={!canOperate || !decided || previewing.busy}>
          {previewing.busy ? "Previewing…" : "Preview the file"}
        </button>
        {previewing.error !== null && <ErrorMessage error={previewing.error} />}
        {preview && <PreviewResult preview={preview} redact={redact} />}
      </Step>

      <Step number={5} title="Import boundary" done={acknowledged} locked={preview?.safe ? null : "A safe preview comes first."}>
        <label class="choice acknowledge">
          <input
            type="checkbox"
            checked={acknowledged}
            disabled={!preview?.safe}
            onChange={(event) => setAcknowledged(event.currentTarget.checked)}
          />
          The customer owns the import of this file into their tracker, and the file is not proof of remediation.
        </label>
      </Step>

      <Step number={6} title="File and download" done={file !== null} locked={acknowledged ? null : "Acknowledge the import boundary first."}>
        {!file && (
          <button type="button" onClick={create} disabled={!canOperate || !acknowledged || !preview?.safe || creating.busy}>
            {creating.busy ? "Making the file…" : "Make the file"}
          </button>
        )}
        {creating.error !== null && <ErrorMessage error={creating.error} />}
        {file && <ExportFileCard file={file} focus />}
      </Step>
    </>
  );
}

function PreviewResult({ preview, redact }: { preview: Preview; redact: boolean }) {
  return (
    <div class="preview">
      <p>
        <strong>{FORMAT_LABEL[preview.format]}</strong> ({preview.dialect}): {preview.formatReason}
      </p>
      {preview.safe ? (
        <Alert kind="success">
          Safe to share{preview.findings.length > 0 && redact ? `: ${count(preview.findings.length, "finding")} will be redacted` : ""}.
        </Alert>
      ) : (
        <Alert kind="warning">
          {count(preview.findings.length, "finding")} {preview.findings.length === 1 ? "blocks" : "block"} this file. Redact them (step 3), or fix them at the source and ingest
          again.
        </Alert>
      )}
      <ItemTable items={preview.items} caption="Source ids and fingerprints the file will carry" />
      {preview.findings.length > 0 && (
        <DataTable
          class="findings"
          caption="Safety findings (masked)"
          rows={preview.findings}
          rowKey={(finding) => `${finding.source.id}:${finding.field}:${finding.rule}:${finding.excerpt}`}
          columns={[
            SOURCE_ID_COLUMN,
            { label: "Field", cell: (finding) => finding.field },
            { label: "Kind", cell: (finding) => FINDING_KIND_LABEL[finding.kind] },
            { label: "Rule", cell: (finding) => finding.rule },
            { label: "Where (masked)", cell: (finding) => <code class="excerpt">{finding.excerpt}</code> },
          ]}
        />
      )}
      {preview.droppedEvidenceLinks.length > 0 && (
        <DataTable
          class="dropped"
          caption="Evidence links left out of the file"
          rows={preview.droppedEvidenceLinks}
          rowKey={(link) => `${link.source.id}:${link.field}`}
          columns={[
            SOURCE_ID_COLUMN,
            { label: "Link", cell: (link) => link.field },
            { label: "Why", cell: (link) => link.reason },
          ]}
        />
      )}
      <details class="sample">
        <summary>Start of the file (redacted)</summary>
        <pre tabIndex={0}>{preview.sample}</pre>
      </details>
    </div>
  );
}
