import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { scope, type Context } from "../../context.js";
import type { DuplicateKeyRow } from "../../db/schema.js";
import { PortableExport } from "../portable-export/portable-export.type.js";
import { ProviderTarget } from "../provider-target/provider-target.type.js";
import { DuplicateKey, ProviderTicket } from "./duplicate-key.type.js";

@Resolver(() => DuplicateKey)
export class DuplicateKeyResolver {
  @Authorized("viewer")
  @Query(() => DuplicateKey, { nullable: true, description: "Finds a duplicate key by its fingerprint (v1:<hex>)." })
  duplicateKey(@Arg("fingerprint", () => String) fingerprint: string, @Ctx() context: Context) {
    return scope(context).loaders.duplicateKeyByFingerprint.load(fingerprint);
  }

  @FieldResolver(() => [PortableExport], { description: "Files that carried this key, newest first." })
  async portableExports(@Root() key: DuplicateKeyRow, @Ctx() context: Context) {
    return (await scope(context).loaders.portableExportsByDuplicateKey.load(key.id)).map((row) => row.export);
  }

  @FieldResolver(() => ProviderTicket, { nullable: true, description: "The tracker ticket this key is linked to." })
  providerTicket(@Root() key: DuplicateKeyRow): ProviderTicket | null {
    if (!key.provider || !key.providerKey || !key.providerUrl) return null;
    return { provider: key.provider, key: key.providerKey, url: key.providerUrl, targetId: key.providerTargetId };
  }
}

@Resolver(() => ProviderTicket)
export class ProviderTicketResolver {
  @FieldResolver(() => ProviderTarget, { nullable: true })
  target(@Root() ticket: ProviderTicket, @Ctx() context: Context) {
    return ticket.targetId ? scope(context).loaders.providerTargetById.load(ticket.targetId) : null;
  }
}
