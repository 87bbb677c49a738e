CREATE TYPE "public"."defect_action" AS ENUM('opened', 'reported_again', 'taken', 'assigned', 'repaired', 'verified', 'reopened', 'closed', 'escalated');--> statement-breakpoint
CREATE TYPE "public"."defect_severity" AS ENUM('warning', 'abnormal');--> statement-breakpoint
CREATE TYPE "public"."defect_status" AS ENUM('open', 'in_progress', 'repaired', 'verified', 'closed');--> statement-breakpoint
ALTER TYPE "public"."user_role" ADD VALUE 'mechanic' BEFORE 'user';--> statement-breakpoint
ALTER TYPE "public"."notification_type" ADD VALUE 'defect_alert';--> statement-breakpoint
ALTER TYPE "public"."notification_type" ADD VALUE 'defect_repaired';--> statement-breakpoint
ALTER TYPE "public"."notification_type" ADD VALUE 'unit_back_in_service';--> statement-breakpoint
ALTER TYPE "public"."notification_type" ADD VALUE 'defect_escalation';--> statement-breakpoint
ALTER TYPE "public"."notification_recipient_kind" ADD VALUE 'workshop';--> statement-breakpoint
CREATE TABLE "vehicle_service_periods" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vehicle_service_periods_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"vehicle_id" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "defect_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "defect_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"defect_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" "defect_action" NOT NULL,
	"actor_id" integer,
	"note" text,
	"report_id" integer
);
--> statement-breakpoint
CREATE TABLE "defects" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "defects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"vehicle_id" integer NOT NULL,
	"checklist_item_id" integer NOT NULL,
	"item_name" text NOT NULL,
	"severity" "defect_severity" NOT NULL,
	"status" "defect_status" DEFAULT 'open' NOT NULL,
	"remark" text,
	"reported_count" integer DEFAULT 1 NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"opened_by_id" integer NOT NULL,
	"opened_report_id" integer,
	"last_report_id" integer,
	"assigned_to_id" integer,
	"repaired_at" timestamp with time zone,
	"repair_note" text,
	"verified_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"escalated_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "hold_reason" text;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "defect_stop_reason" text;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "out_of_service_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "telegram_notifications" ADD COLUMN "defect_id" integer;--> statement-breakpoint
ALTER TABLE "telegram_notifications" ADD COLUMN "reply_markup" jsonb;--> statement-breakpoint
ALTER TABLE "vehicle_service_periods" ADD CONSTRAINT "vehicle_service_periods_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "defect_events" ADD CONSTRAINT "defect_events_defect_id_defects_id_fk" FOREIGN KEY ("defect_id") REFERENCES "public"."defects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "defect_events" ADD CONSTRAINT "defect_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "defect_events" ADD CONSTRAINT "defect_events_report_id_p2h_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."p2h_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "defects" ADD CONSTRAINT "defects_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "defects" ADD CONSTRAINT "defects_checklist_item_id_checklist_items_id_fk" FOREIGN KEY ("checklist_item_id") REFERENCES "public"."checklist_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "defects" ADD CONSTRAINT "defects_opened_by_id_users_id_fk" FOREIGN KEY ("opened_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "defects" ADD CONSTRAINT "defects_opened_report_id_p2h_reports_id_fk" FOREIGN KEY ("opened_report_id") REFERENCES "public"."p2h_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "defects" ADD CONSTRAINT "defects_last_report_id_p2h_reports_id_fk" FOREIGN KEY ("last_report_id") REFERENCES "public"."p2h_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "defects" ADD CONSTRAINT "defects_assigned_to_id_users_id_fk" FOREIGN KEY ("assigned_to_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vehicle_service_periods_vehicle_idx" ON "vehicle_service_periods" USING btree ("vehicle_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicle_service_periods_open_key" ON "vehicle_service_periods" USING btree ("vehicle_id") WHERE "vehicle_service_periods"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "defect_events_defect_idx" ON "defect_events" USING btree ("defect_id","id");--> statement-breakpoint
CREATE INDEX "defect_events_report_idx" ON "defect_events" USING btree ("report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "defects_live_item_key" ON "defects" USING btree ("vehicle_id","checklist_item_id") WHERE "defects"."status" in ('open', 'in_progress', 'repaired');--> statement-breakpoint
CREATE INDEX "defects_status_opened_idx" ON "defects" USING btree ("status","opened_at");--> statement-breakpoint
CREATE INDEX "defects_vehicle_idx" ON "defects" USING btree ("vehicle_id","opened_at");--> statement-breakpoint
CREATE INDEX "defects_last_report_idx" ON "defects" USING btree ("last_report_id");--> statement-breakpoint
CREATE INDEX "defects_escalation_idx" ON "defects" USING btree ("opened_at") WHERE "defects"."status" = 'open' and "defects"."severity" = 'abnormal' and "defects"."escalated_at" is null;--> statement-breakpoint
ALTER TABLE "telegram_notifications" ADD CONSTRAINT "telegram_notifications_defect_id_defects_id_fk" FOREIGN KEY ("defect_id") REFERENCES "public"."defects"("id") ON DELETE no action ON UPDATE no action;