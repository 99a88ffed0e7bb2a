import { Field, ObjectType } from "type-graphql";
import { ExportStatus } from "../common/enums.js";

@ObjectType({ description: "One change of a source's export status, from the append-only log." })
export class ExportStatusEvent {
  @Field(() => String, { description: "Position in the log; pass it as `after` to resume from here." })
  cursor!: string;

  @Field(() => ExportStatus, { nullable: true })
  from!: ExportStatus | null;

  @Field(() => ExportStatus)
  to!: ExportStatus;

  @Field(() => String, { description: "What moved the source, e.g. portable-export:<id> or download:<id>." })
  cause!: string;

  @Field(() => Date)
  at!: Date;

  /** Resolved by the event resolver. */
  exportSourceId!: string;
  reportId!: string;
  organizationId!: string;
}
