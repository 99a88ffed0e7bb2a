import type { Priority } from "../../vocabulary.js";
import { htmlOf } from "../markup/html.js";
import { labelsWithFingerprint } from "../ticket-content.js";
import { descriptionLayout } from "../ticket-layout.js";
import { joinLabels, type CsvDialect } from "./csv-dialect.js";
import { workItemType } from "./tracker-values.js";

const PRIORITY: Record<Priority, string> = { URGENT: "1", HIGH: "2", MEDIUM: "3", LOW: "4" };

/** Azure Boards' "Import work items": field names as headers, HTML Description, tags separated by "; ". */
export const azureDevOpsDialect: CsvDialect = {
  name: "azure-devops",
  columns: [
    ["Work Item Type", (item) => workItemType(item.sourceType)],
    ["Title", (_, content) => content.title],
    ["Description", (_, content) => htmlOf(descriptionLayout(content))],
    ["Priority", (item) => PRIORITY[item.priority]],
    ["Tags", (item) => joinLabels(labelsWithFingerprint(item), "; ")],
  ],
};
