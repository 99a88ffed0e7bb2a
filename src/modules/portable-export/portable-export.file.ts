import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { portableExportItems, type PortableExportRow } from "../../db/schema.js";
import { createRenderer } from "../../domain/render/index.js";
import type { FileFormat } from "../../domain/vocabulary.js";

/** Items read per statement while a file streams. */
const BATCH = 1_000;

/**
 * A stored file's parts in order: head, the items' stored text (read in batches, as bytes where the driver gives
 * them), tail. Memory stays bounded whatever the file's size.
 */
export async function* fileChunks(database: Database, file: PortableExportRow): AsyncGenerator<string | Uint8Array> {
  yield storedHead(file);
  let after = -1;
  for (;;) {
    const rows = await database.textRows(
      sql`select ${portableExportItems.position}::text, ${portableExportItems.rendered} from ${portableExportItems}
          where ${portableExportItems.portableExportId} = ${file.id} and ${portableExportItems.position} > ${after}
          order by ${portableExportItems.position} limit ${BATCH}`,
    );
    if (rows.length === 0) break;
    const texts = rows.map((row) => row[1]);
    yield texts.every((text) => typeof text === "string") ? texts.join("") : Buffer.concat(texts as Uint8Array[]);
    after = Number(String(rows[rows.length - 1][0]));
  }
  yield file.fileTail;
}

/**
 * The head as it was written. PGlite decodes each text value with a TextDecoder, which drops a leading byte order
 * mark: a generic-excel head comes back without the BOM that the file's sha256 and byte size count, so it is put back.
 */
function storedHead(file: PortableExportRow): string {
  const bom = createRenderer(file.format as FileFormat, file.dialect).byteOrderMark ? "\uFEFF" : "";
  return file.fileHead.startsWith(bom) ? file.fileHead : bom + file.fileHead;
}
