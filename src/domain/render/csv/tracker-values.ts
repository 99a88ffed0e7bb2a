import type { Priority, SourceType } from "../../vocabulary.js";

/** The work item type trackers call a finding (Bug) and a fix task (Task). */
export const workItemType = (sourceType: SourceType): "Bug" | "Task" =>
  sourceType === "REPORT_ISSUE" ? "Bug" : "Task";

/** Priority names as Linear and Asana (a custom field) show them. */
export const PRIORITY_WORDS: Record<Priority, string> = {
  URGENT: "Urgent",
  HIGH: "High",
  MEDIUM: "Medium",
  LOW: "Low",
};
