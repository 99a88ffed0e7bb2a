import { registerEnumType } from "type-graphql";
import * as vocabulary from "../../domain/vocabulary.js";

// Registered once, here, so that every module can use the vocabulary objects as GraphQL enums.
registerEnumType(vocabulary.SourceType, { name: "SourceType" });
registerEnumType(vocabulary.Severity, { name: "Severity" });
registerEnumType(vocabulary.Priority, { name: "Priority" });
registerEnumType(vocabulary.RemediationStatus, { name: "RemediationStatus" });
registerEnumType(vocabulary.Provider, { name: "Provider" });
registerEnumType(vocabulary.ProviderTargetState, { name: "ProviderTargetState" });
registerEnumType(vocabulary.FallbackOutcome, { name: "FallbackOutcome" });
registerEnumType(vocabulary.FallbackReason, { name: "FallbackReason" });
registerEnumType(vocabulary.ExportFormat, { name: "ExportFormat" });
registerEnumType(vocabulary.ExportStatus, { name: "ExportStatus" });
registerEnumType(vocabulary.DuplicatePolicy, { name: "DuplicatePolicy" });
registerEnumType(vocabulary.SafetyFindingKind, { name: "SafetyFindingKind" });
registerEnumType(vocabulary.TicketExportAction, { name: "TicketExportAction" });

export * from "../../domain/vocabulary.js";
