import type { ExportFileFragment } from "../gql/graphql";

export interface DownloadResult {
  fileName: string;
  byteSize: number;
  /** The bytes' sha256, or null where the page cannot compute it (Web Crypto needs HTTPS or localhost). */
  sha256: string | null;
  /** The bytes' sha256 equals the one the export records; null when it could not be computed. */
  verified: boolean | null;
}

const hex = (buffer: ArrayBuffer) => Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");

/**
 * Downloads a file and hands it to the browser to save, checking its bytes against the recorded sha256 first (a
 * mismatch is reported and not saved).
 * `downloadUrl` needs the bearer token today, so this fetches with the Authorization header and saves a blob; once
 * downloadUrl is a signed link, a plain `<a href={file.downloadUrl} download>` replaces this function.
 * @throws Error with the service's message when it refuses (409 while the file is not ready, 404, 401).
 */
export async function downloadExport(token: string, file: ExportFileFragment): Promise<DownloadResult> {
  const response = await fetch(file.downloadUrl, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? `The download answered ${response.status} ${response.statusText}.`);
  }
  const bytes = await response.arrayBuffer();
  const sha256 = crypto.subtle ? hex(await crypto.subtle.digest("SHA-256", bytes)) : null;
  const verified = sha256 === null ? null : sha256 === file.sha256;
  // Bytes that are not the recorded file are not handed to anyone.
  if (verified !== false) save(new Blob([bytes], { type: file.contentType }), file.fileName);
  return { fileName: file.fileName, byteSize: bytes.byteLength, sha256, verified };
}

function save(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download synchronously; the object URL may go once the event loop turns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
