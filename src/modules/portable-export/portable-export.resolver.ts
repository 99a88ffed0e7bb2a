import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { scope, type Context } from "../../context.js";
import type { PortableExportRow } from "../../db/schema.js";
import { DuplicateKey } from "../duplicate-key/duplicate-key.type.js";
import { ExportSource } from "../export-source/export-source.type.js";
import { Report } from "../report/report.type.js";
import { PortableExport, PortableExportItem } from "./portable-export.type.js";

/** Where a file is downloaded, relative to the service's base URL. */
export const downloadPath = (exportId: string) => `/exports/${exportId}/download`;

@Resolver(() => PortableExport)
export class PortableExportResolver {
  @FieldResolver(() => Report)
  report(@Root() file: PortableExportRow, @Ctx() context: Context) {
    return scope(context).loaders.reportById.load(file.reportId);
  }

  @FieldResolver(() => String, { description: "GET it with the same bearer token." })
  downloadUrl(@Root() file: PortableExportRow) {
    return downloadPath(file.id);
  }
}

@Resolver(() => PortableExportItem)
export class PortableExportItemResolver {
  @FieldResolver(() => ExportSource)
  source(@Root() item: PortableExportItem, @Ctx() context: Context) {
    return scope(context).loaders.sourceById.load(item.exportSourceId);
  }

  @FieldResolver(() => DuplicateKey)
  duplicateKey(@Root() item: PortableExportItem, @Ctx() context: Context) {
    return scope(context).loaders.duplicateKeyById.load(item.duplicateKeyId);
  }
}
