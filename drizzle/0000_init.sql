CREATE TYPE "public"."duplicate_policy" AS ENUM('UPDATE', 'BLOCK');--> statement-breakpoint
CREATE TYPE "public"."export_format" AS ENUM('PORTABLE_EXPORT', 'CSV_EXPORT', 'MARKDOWN_EXPORT', 'JSON_EXPORT');--> statement-breakpoint
CREATE TYPE "public"."export_status" AS ENUM('NOT_EXPORTED', 'PORTABLE_READY', 'PORTABLE_DOWNLOADED', 'UNSAFE_BLOCKED', 'PROVIDER_PENDING', 'PROVIDER_EXPORTED', 'PROVIDER_UPDATED', 'PROVIDER_LINKED', 'DUPLICATE_BLOCKED', 'PROVIDER_FAILED');--> statement-breakpoint
CREATE TYPE "public"."fallback_outcome" AS ENUM('PROVIDER_NATIVE', 'PORTABLE_FALLBACK', 'BLOCKED');--> statement-breakpoint
CREATE TYPE "public"."fallback_reason" AS ENUM('TICKET_EXPORT_PROVIDER_UNAVAILABLE', 'PORTABLE_EXPORT_REQUIRED', 'PROVIDER_TARGET_REVOKED', 'PROVIDER_ENDPOINT_UNSAFE', 'PROVIDER_PATH_UNSUPPORTED', 'PROVIDER_RATE_LIMITED', 'PROVIDER_DELIVERY_FAILING', 'PROVIDER_NATIVE_AVAILABLE', 'UNSAFE_PREVIEW_BLOCKED');--> statement-breakpoint
CREATE TYPE "public"."priority" AS ENUM('URGENT', 'HIGH', 'MEDIUM', 'LOW');--> statement-breakpoint
CREATE TYPE "public"."provider" AS ENUM('JIRA', 'GITHUB', 'GITLAB', 'BITBUCKET', 'TRELLO', 'LINEAR', 'AZURE_DEVOPS', 'YOUTRACK', 'ASANA', 'CLICKUP', 'OTHER');--> statement-breakpoint
CREATE TYPE "public"."provider_target_state" AS ENUM('ACTIVE', 'REVOKED', 'UNSAFE_ENDPOINT', 'UNSUPPORTED', 'RATE_LIMITED', 'FAILING', 'DISCONNECTED');--> statement-breakpoint
CREATE TYPE "public"."remediation_status" AS ENUM('OPEN', 'IN_PROGRESS', 'FIXED_VERIFIED', 'RISK_ACCEPTED');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('viewer', 'operator', 'admin');--> statement-breakpoint
CREATE TYPE "public"."severity" AS ENUM('CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO');--> statement-breakpoint
CREATE TYPE "public"."source_type" AS ENUM('REPORT_ISSUE', 'FIX_TASK');--> statement-breakpoint
CREATE TYPE "public"."ticket_export_action" AS ENUM('CREATED', 'UPDATED', 'LINKED', 'BLOCKED_DUPLICATE', 'FAILED');--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "duplicate_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"source_type" "source_type" NOT NULL,
	"source_id" text NOT NULL,
	"fingerprint" text NOT NULL,
	"label" text NOT NULL,
	"provider_target_id" uuid,
	"provider" "provider",
	"provider_key" text,
	"provider_url" text,
	"linked_at" timestamp with time zone,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "export_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "export_sources_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"source_type" "source_type" NOT NULL,
	"source_id" text NOT NULL,
	"title" text NOT NULL,
	"severity" "severity" NOT NULL,
	"priority" "priority" NOT NULL,
	"affected_url" text NOT NULL,
	"labels" text[] DEFAULT '{}'::text[] NOT NULL,
	"acceptance_criteria" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text,
	"evidence_links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"remediation_status" "remediation_status" DEFAULT 'OPEN' NOT NULL,
	"export_status" "export_status" DEFAULT 'NOT_EXPORTED' NOT NULL,
	"duplicate_key_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "export_status_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "export_status_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"export_source_id" uuid NOT NULL,
	"from_status" "export_status",
	"to_status" "export_status" NOT NULL,
	"cause" text NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fallback_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "fallback_decisions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" uuid NOT NULL,
	"export_source_id" uuid NOT NULL,
	"outcome" "fallback_outcome" NOT NULL,
	"reason" "fallback_reason",
	"provider_target_id" uuid,
	"detail" text NOT NULL,
	"requirement_reason" text,
	"requested_by" text,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "portable_export_items" (
	"portable_export_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"organization_id" uuid NOT NULL,
	"export_source_id" uuid NOT NULL,
	"duplicate_key_id" uuid NOT NULL,
	"export_status" "export_status" NOT NULL,
	"rendered" text NOT NULL,
	CONSTRAINT "portable_export_items_portable_export_id_position_pk" PRIMARY KEY("portable_export_id","position")
);
--> statement-breakpoint
CREATE TABLE "portable_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"requested_format" "export_format" NOT NULL,
	"format" "export_format" NOT NULL,
	"format_reason" text NOT NULL,
	"dialect" text NOT NULL,
	"intended_tracker" "provider",
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"file_head" text NOT NULL,
	"file_tail" text NOT NULL,
	"row_count" integer NOT NULL,
	"byte_size" bigint,
	"sha256" text,
	"ready_at" timestamp with time zone,
	"redacted" boolean NOT NULL,
	"import_boundary_acknowledged" boolean NOT NULL,
	"idempotency_key" text,
	"request_hash" text NOT NULL,
	"created_by" text NOT NULL,
	"download_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"provider" "provider" NOT NULL,
	"name" text NOT NULL,
	"base_url" text NOT NULL,
	"project_key" text NOT NULL,
	"credential_ciphertext" text NOT NULL,
	"state" "provider_target_state" NOT NULL,
	"retry_after" timestamp with time zone,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "reports_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"title" text NOT NULL,
	"site_url" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "ticket_exports_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" uuid NOT NULL,
	"export_source_id" uuid NOT NULL,
	"provider_target_id" uuid NOT NULL,
	"action" "ticket_export_action" NOT NULL,
	"on_duplicate" "duplicate_policy" NOT NULL,
	"external_key" text,
	"external_url" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_keys" ADD CONSTRAINT "duplicate_keys_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_keys" ADD CONSTRAINT "duplicate_keys_provider_target_id_provider_targets_id_fk" FOREIGN KEY ("provider_target_id") REFERENCES "public"."provider_targets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_sources" ADD CONSTRAINT "export_sources_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_sources" ADD CONSTRAINT "export_sources_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_sources" ADD CONSTRAINT "export_sources_duplicate_key_id_duplicate_keys_id_fk" FOREIGN KEY ("duplicate_key_id") REFERENCES "public"."duplicate_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_status_events" ADD CONSTRAINT "export_status_events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_status_events" ADD CONSTRAINT "export_status_events_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_status_events" ADD CONSTRAINT "export_status_events_export_source_id_export_sources_id_fk" FOREIGN KEY ("export_source_id") REFERENCES "public"."export_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fallback_decisions" ADD CONSTRAINT "fallback_decisions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fallback_decisions" ADD CONSTRAINT "fallback_decisions_export_source_id_export_sources_id_fk" FOREIGN KEY ("export_source_id") REFERENCES "public"."export_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fallback_decisions" ADD CONSTRAINT "fallback_decisions_provider_target_id_provider_targets_id_fk" FOREIGN KEY ("provider_target_id") REFERENCES "public"."provider_targets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portable_export_items" ADD CONSTRAINT "portable_export_items_portable_export_id_portable_exports_id_fk" FOREIGN KEY ("portable_export_id") REFERENCES "public"."portable_exports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portable_export_items" ADD CONSTRAINT "portable_export_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portable_export_items" ADD CONSTRAINT "portable_export_items_export_source_id_export_sources_id_fk" FOREIGN KEY ("export_source_id") REFERENCES "public"."export_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portable_export_items" ADD CONSTRAINT "portable_export_items_duplicate_key_id_duplicate_keys_id_fk" FOREIGN KEY ("duplicate_key_id") REFERENCES "public"."duplicate_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portable_exports" ADD CONSTRAINT "portable_exports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portable_exports" ADD CONSTRAINT "portable_exports_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_targets" ADD CONSTRAINT "provider_targets_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_exports" ADD CONSTRAINT "ticket_exports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_exports" ADD CONSTRAINT "ticket_exports_export_source_id_export_sources_id_fk" FOREIGN KEY ("export_source_id") REFERENCES "public"."export_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_exports" ADD CONSTRAINT "ticket_exports_provider_target_id_provider_targets_id_fk" FOREIGN KEY ("provider_target_id") REFERENCES "public"."provider_targets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_tokens_organization_idx" ON "api_tokens" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "duplicate_keys_organization_fingerprint_key" ON "duplicate_keys" USING btree ("organization_id","fingerprint");--> statement-breakpoint
CREATE UNIQUE INDEX "duplicate_keys_organization_source_key" ON "duplicate_keys" USING btree ("organization_id","source_type","source_id");--> statement-breakpoint
CREATE UNIQUE INDEX "export_sources_report_source_key" ON "export_sources" USING btree ("report_id","source_type","source_id");--> statement-breakpoint
CREATE INDEX "export_sources_report_seq_idx" ON "export_sources" USING btree ("report_id","seq");--> statement-breakpoint
CREATE INDEX "export_sources_organization_idx" ON "export_sources" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "export_sources_duplicate_key_idx" ON "export_sources" USING btree ("duplicate_key_id");--> statement-breakpoint
CREATE INDEX "export_status_events_report_idx" ON "export_status_events" USING btree ("report_id","id");--> statement-breakpoint
CREATE INDEX "export_status_events_source_idx" ON "export_status_events" USING btree ("export_source_id","id");--> statement-breakpoint
CREATE INDEX "fallback_decisions_source_seq_idx" ON "fallback_decisions" USING btree ("export_source_id","seq");--> statement-breakpoint
CREATE INDEX "portable_export_items_source_idx" ON "portable_export_items" USING btree ("export_source_id");--> statement-breakpoint
CREATE INDEX "portable_export_items_duplicate_key_idx" ON "portable_export_items" USING btree ("duplicate_key_id");--> statement-breakpoint
CREATE INDEX "portable_exports_report_idx" ON "portable_exports" USING btree ("report_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "portable_exports_idempotency_key" ON "portable_exports" USING btree ("organization_id","idempotency_key") WHERE "portable_exports"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX "provider_targets_organization_idx" ON "provider_targets" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_organization_external_id_key" ON "reports" USING btree ("organization_id","external_id");--> statement-breakpoint
CREATE INDEX "reports_organization_seq_idx" ON "reports" USING btree ("organization_id","seq");--> statement-breakpoint
CREATE INDEX "ticket_exports_source_seq_idx" ON "ticket_exports" USING btree ("export_source_id","seq");