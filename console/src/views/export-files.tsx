import { useEffect, useState } from "preact/hooks";
import { useConsole } from "../context";
import { ExportFileDocument, ReportExportsDocument, type ExportFileDetailFragment, type ExportFileFragment } from "../gql/graphql";
import { ErrorMessage } from "../ui/components";
import { FORMAT_LABEL, count, formatBytes, formatDateTime } from "../ui/labels";
import { BuildProgress, ExportFileCard } from "./export-file";

/** The report's files, newest first; opening one shows its items, after which it can be downloaded again. */
export function ExportFiles({ reportId, refresh }: { reportId: string; refresh: number }) {
  const { call } = useConsole();
  const [files, setFiles] = useState<ExportFileFragment[] | null>(null);
  const [open, setOpen] = useState<ExportFileDetailFragment | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    call(ReportExportsDocument, { reportId })
      .then(({ portableExports }) => setFiles(portableExports))
      .catch(setError);
  }, [reportId, refresh]);

  const show = (id: string) =>
    call(ExportFileDocument, { id })
      .then(({ portableExport }) => setOpen(portableExport ?? null))
      .catch(setError);

  return (
    <section class="files" aria-labelledby="files-heading">
      <h2 id="files-heading">Files of this report</h2>
      {error !== null && <ErrorMessage error={error} />}
      {files?.length === 0 && <p>No file has been made from this report yet.</p>}
      {files && files.length > 0 && (
        <ul class="file-list">
          {files.map((file) => (
            <li key={file.id} data-export-id={file.id}>
              <span class="file-name">{file.fileName}</span>
              <span class="meta">
                {FORMAT_LABEL[file.format]} · {count(file.rowCount, "item")} · {formatBytes(file.byteSize)} · {formatDateTime(file.createdAt)}
              </span>
              <BuildProgress file={file} />
              <button type="button" class="secondary small" aria-expanded={open?.id === file.id} onClick={() => void show(file.id)}>
                Show ids, fingerprints and download
              </button>
              {open?.id === file.id && <ExportFileCard file={open} focus />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
