import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root, Subscription } from "type-graphql";
import { createLoaders, scope, type Context } from "../../context.js";
import { PAGE_SIZES, pageSize } from "../../domain/input-rules.js";
import { notFound } from "../../errors.js";
import { ExportSource } from "../export-source/export-source.type.js";
import { parseEventCursor, type LoadedEvent } from "./export-status.service.js";
import { ExportStatusEvent } from "./export-status.type.js";
import { statusStream } from "./status-stream.js";

interface StatusArgs {
  reportId?: string | null;
  sourceId?: string | null;
  after?: string | null;
}

@Resolver(() => ExportStatusEvent)
export class ExportStatusResolver {
  @Authorized("viewer")
  @Query(() => [ExportStatusEvent], { description: "A report's status changes after a cursor, oldest first." })
  async exportStatusEvents(
    @Arg("reportId", () => ID) reportId: string,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: PAGE_SIZES.statusEvents.fallback, description: "At most 1,000." })
    first: number | null,
    @Arg("last", () => Int, {
      nullable: true,
      description: "The newest `last` events after the cursor instead (at most 1,000), still oldest first; `first` is then ignored.",
    })
    last: number | null,
    @Ctx() context: Context,
  ) {
    const { principal, loaders } = scope(context);
    const size = last == null ? pageSize(first, PAGE_SIZES.statusEvents) : pageSize(last, PAGE_SIZES.statusEvents, "last");
    if (!(await loaders.reportById.load(reportId))) throw notFound("report", reportId);
    return context.services.statusEvents.list(principal.organizationId, reportId, after, size, last != null);
  }

  @Authorized("viewer")
  @Subscription(() => ExportStatusEvent, {
    description: "Status changes of a report or a source; with `after`, the missed ones first, then live ones.",
    subscribe: async ({ args, context }) => {
      const { principal, loaders } = scope(context as Context);
      const { reportId = null, sourceId = null, after = null } = args as StatusArgs;
      const position = after === null ? null : parseEventCursor(after);
      // An empty id names nothing: it must not widen the subscription to the whole organization.
      if (reportId !== null && !(await loaders.reportById.load(reportId))) throw notFound("report", reportId);
      if (sourceId !== null && !(await loaders.sourceById.load(sourceId))) throw notFound("export source", sourceId);
      const { services } = context as Context;
      return statusStream(services.statusFeed, services.statusEvents, {
        organizationId: principal.organizationId,
        reportId,
        sourceId,
        after: position,
      });
    },
  })
  exportStatusChanged(
    @Root() event: LoadedEvent,
    @Arg("reportId", () => ID, { nullable: true }) _reportId: string | null,
    @Arg("sourceId", () => ID, { nullable: true }) _sourceId: string | null,
    @Arg("after", () => String, { nullable: true }) _after: string | null,
    @Ctx() context: Context,
  ): ExportStatusEvent {
    // Each event is a fresh read: new loaders, primed with the source the status feed read once for every subscriber.
    context.loaders = createLoaders(context.services.database.db, event.organizationId);
    context.loaders.sourceById.prime(event.source.id, event.source);
    return event;
  }

  @FieldResolver(() => ExportSource)
  source(@Root() event: ExportStatusEvent, @Ctx() context: Context) {
    return scope(context).loaders.sourceById.load(event.exportSourceId);
  }
}
