import { azureDevOpsDialect } from "./azure-devops.js";
import type { CsvDialect } from "./csv-dialect.js";
import { genericDialect, genericExcelDialect } from "./generic.js";
import { gitlabDialect } from "./gitlab.js";
import { jiraDialect } from "./jira.js";
import { linearDialect } from "./linear.js";
import { asanaDialect, clickupDialect } from "./task-trackers.js";
import { youtrackDialect } from "./youtrack.js";

const DIALECTS: readonly CsvDialect[] = [
  genericDialect,
  genericExcelDialect,
  jiraDialect,
  gitlabDialect,
  azureDevOpsDialect,
  linearDialect,
  asanaDialect,
  clickupDialect,
  youtrackDialect,
];

/** The names of the CSV dialects, generic first. */
export const CSV_DIALECTS: readonly string[] = DIALECTS.map((dialect) => dialect.name);

/** The dialect called `name`, or undefined. */
export function csvDialect(name: string): CsvDialect | undefined {
  return DIALECTS.find((dialect) => dialect.name === name);
}
