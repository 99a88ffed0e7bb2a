import { useEffect, useRef, useState } from "preact/hooks";
import { downloadExport, type DownloadResult } from "../api/download";
import { useConsole } from "../context";
import type { ExportFileDetailFragment, ExportFileFragment, ExportItemFragment } from "../gql/graphql";
import { Alert, ErrorMessage, Fingerprint, ReadinessList, StatusBadge } from "../ui/components";
import { DataTable, SOURCE_ID_COLUMN } from "../ui/data-table";
import { FORMAT_LABEL, PROVIDER_LABEL, SOURCE_TYPE_LABEL, count, formatBytes, formatDateTime } from "../ui/labels";

export type BuildState = "QUEUED" | "BUILDING" | "READY" | "FAILED";

/**
 * Where the file's build stands. The service writes a file within createPortableExport today, so a file that exists
 * is a built one; once PortableExport reports its build state and progress, they are read here and nowhere else.
 */
export function buildOf(file: ExportFileFragment): { state: BuildState; done: number; total: number } {
  return { state: "READY", done: file.rowCount, total: file.rowCount };
}

const BUILD_LABEL: Record<BuildState, string> = { QUEUED: "Queued", BUILDING: "Building", READY: "Ready", FAILED: "Failed" };

export function BuildProgress({ file }: { file: ExportFileFragment }) {
  const build = buildOf(file);
  return (
    <div class="build" data-build={build.state}>
      <label for={`build-${file.id}`}>
        {BUILD_LABEL[build.state]}: {build.done} of {count(build.total, "item")} written
      </label>
      <progress id={`build-${file.id}`} max={Math.max(build.total, 1)} value={build.total === 0 ? 1 : build.done} />
    </div>
  );
}

/** The items of a file or a preview: what will identify each ticket later (type, source id, fingerprint). */
export function ItemTable({ items, caption }: { items: ExportItemFragment[]; caption: string }) {
  return (
    <DataTable
      class="items"
      caption={caption}
      rows={items}
      rowKey={(item) => item.source.id}
      rowData={(item) => ({ "data-source-id": item.source.sourceId })}
      columns={[
        { label: "Source type", cell: (item) => SOURCE_TYPE_LABEL[item.source.sourceType] },
        SOURCE_ID_COLUMN,
        {
          label: "Fingerprint",
          cell: (item) => <Fingerprint label={item.duplicateKey.label} fingerprint={item.duplicateKey.fingerprint} full />,
        },
        { label: "Status in the file", cell: (item) => <StatusBadge status={item.exportStatus} /> },
        { label: "Ready and blocked states", class: "col-readiness", cell: (item) => <ReadinessList readiness={item.readiness} /> },
      ]}
    />
  );
}

/** True once every item's source id and fingerprint are on the page: a file is only handed over after that. */
export const identifiersShown = (file: ExportFileDetailFragment) =>
  file.items.length === file.rowCount && file.items.every((item) => item.source.sourceId && item.duplicateKey.fingerprint);

/**
 * One produced file: what it is, why this format, its sha256, its items with their ids and fingerprints, and the
 * download, enabled only when the file is built and its identifiers are shown.
 */
export function ExportFileCard({ file, focus = false }: { file: ExportFileDetailFragment; focus?: boolean }) {
  const { session } = useConsole();
  const heading = useRef<HTMLHeadingElement>(null);
  // The button that made or opened the file is gone or far away: keyboard users continue from the file itself.
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [file.id]);
  const [result, setResult] = useState<DownloadResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const ready = buildOf(file).state === "READY";
  const canDownload = ready && identifiersShown(file);

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await downloadExport(session.token, file));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article class="file" data-export-id={file.id} aria-label={`File ${file.fileName}`}>
      <h3 class="file-name" ref={heading} tabIndex={-1}>
        {file.fileName}
      </h3>
      <dl class="file-facts">
        <div>
          <dt>Format</dt>
          <dd>
            {FORMAT_LABEL[file.format]} ({file.dialect}){file.requestedFormat === "PORTABLE_EXPORT" && ", chosen by the service"}
          </dd>
        </div>
        <div>
          <dt>Why this format</dt>
          <dd>{file.formatReason}</dd>
        </div>
        {file.intendedTracker && (
          <div>
            <dt>For</dt>
            <dd>{PROVIDER_LABEL[file.intendedTracker]}</dd>
          </div>
        )}
        <div>
          <dt>Size</dt>
          <dd>
            {formatBytes(file.byteSize)}, {count(file.rowCount, "item")}
          </dd>
        </div>
        <div>
          <dt>sha256</dt>
          <dd>
            <code class="sha256">{file.sha256}</code>
          </dd>
        </div>
        <div>
          <dt>Made</dt>
          <dd>
            {formatDateTime(file.createdAt)}, downloaded {count(file.downloadCount, "time")}
          </dd>
        </div>
      </dl>
      <BuildProgress file={file} />
      <ItemTable items={file.items} caption="Source ids and fingerprints in this file" />
      <p class="help">
        The customer owns the import of this file; it is not proof of remediation. Each ticket carries its fingerprint as a
        label, so a later native export updates or blocks it instead of creating a second one.
      </p>
      <button type="button" onClick={download} disabled={!canDownload || busy} aria-describedby={`download-note-${file.id}`}>
        {busy ? "Downloading…" : `Download ${file.fileName}`}
      </button>
      <p id={`download-note-${file.id}`} class="help">
        {canDownload ? "Source ids and fingerprints are shown above." : "Download opens once the file is built and its ids and fingerprints are shown."}
      </p>
      {error !== null && <ErrorMessage error={error} />}
      {result && result.verified === false && (
        <Alert>
          The downloaded bytes do not match the file's recorded sha256 ({result.sha256}); the file was not saved. Try again.
        </Alert>
      )}
      {result && result.verified !== false && (
        <Alert kind="success">
          Saved {result.fileName} ({formatBytes(result.byteSize)}).{" "}
          {result.verified ? "Its sha256 matches the recorded one." : "This page cannot check its sha256 without HTTPS."}
        </Alert>
      )}
    </article>
  );
}
