import type { Priority, Severity } from "../../vocabulary.js";
import { TRACKER_TITLE_LENGTH, type ImportLimits } from "../import-limits.js";
import { htmlOf } from "../markup/html.js";
import { fingerprintFirst } from "../ticket-content.js";
import { descriptionLayout } from "../ticket-layout.js";
import { joinLabels, type CsvDialect } from "./csv-dialect.js";
import { workItemType } from "./tracker-values.js";

/** Azure Boards' "Import work items": what one file may hold. */
export const AZURE_DEVOPS_IMPORT: ImportLimits = {
  tracker: "Azure DevOps",
  maxItems: 1_000,
  maxTitleLength: TRACKER_TITLE_LENGTH,
  splittable: true,
};

const PRIORITY: Record<Priority, string> = { URGENT: "1", HIGH: "2", MEDIUM: "3", LOW: "4" };

// Microsoft.VSTS.Common.Severity, a field of the Bug type in the Agile, Scrum and CMMI processes; Task has none.
const SEVERITY: Record<Severity, string> = {
  CRITICAL: "1 - Critical",
  HIGH: "2 - High",
  MEDIUM: "3 - Medium",
  LOW: "4 - Low",
  INFO: "4 - Low",
};

/** Azure Boards' "Import work items": field names as headers, HTML Description, tags separated by "; ". */
export const azureDevOpsDialect: CsvDialect = {
  name: "azure-devops",
  importer: AZURE_DEVOPS_IMPORT,
  columns: [
    ["Work Item Type", (item) => workItemType(item.sourceType)],
    ["Title", (_, content) => content.title],
    ["Description", (_, content) => htmlOf(descriptionLayout(content))],
    ["Priority", (item) => PRIORITY[item.priority]],
    ["Severity", (item) => (workItemType(item.sourceType) === "Bug" ? SEVERITY[item.severity] : "")],
    ["Tags", (item) => joinLabels(fingerprintFirst(item), "; ")],
  ],
};
