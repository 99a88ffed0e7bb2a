import { Field, ID, InputType } from "type-graphql";
import { ExportFormat, Provider } from "../common/enums.js";

@InputType()
export class PortableExportInput {
  @Field(() => [ID], { description: "Sources of one report, in the order the file lists them (up to 100,000)." })
  sourceIds!: string[];

  @Field(() => ExportFormat, { description: "PORTABLE_EXPORT lets the service choose, and say why." })
  format!: ExportFormat;

  @Field(() => Provider, { nullable: true, description: "The tracker the customer will import into." })
  intendedTracker?: Provider | null;

  @Field(() => Boolean, { description: "The requester acknowledges that the customer owns the downstream import." })
  acknowledgeImportBoundary!: boolean;

  @Field(() => Boolean, { nullable: true, description: "Replace every safety finding with [redacted:<kind>] in the file." })
  redact?: boolean | null;

  @Field(() => String, { nullable: true, description: "Retries with the same key and input return the same export." })
  idempotencyKey?: string | null;
}
