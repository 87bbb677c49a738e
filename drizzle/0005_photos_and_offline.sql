CREATE TYPE "public"."photo_attachment" AS ENUM('answer', 'defect', 'repair');--> statement-breakpoint
CREATE TABLE "photos" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "photos_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"uploader_id" integer NOT NULL,
	"storage_key" text NOT NULL,
	"thumb_key" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attached_at" timestamp with time zone,
	"attached_to" "photo_attachment",
	"report_id" integer,
	"checklist_item_id" integer,
	"defect_id" integer,
	"defect_event_id" integer
);
--> statement-breakpoint
ALTER TABLE "p2h_reports" ADD COLUMN "client_submission_id" uuid;--> statement-breakpoint
ALTER TABLE "p2h_reports" ADD COLUMN "inspected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "p2h_reports" ADD COLUMN "latitude" double precision;--> statement-breakpoint
ALTER TABLE "p2h_reports" ADD COLUMN "longitude" double precision;--> statement-breakpoint
ALTER TABLE "p2h_reports" ADD COLUMN "location_accuracy_m" real;--> statement-breakpoint
ALTER TABLE "telegram_notifications" ADD COLUMN "photo_ids" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_uploader_id_users_id_fk" FOREIGN KEY ("uploader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_report_id_p2h_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."p2h_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_checklist_item_id_checklist_items_id_fk" FOREIGN KEY ("checklist_item_id") REFERENCES "public"."checklist_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_defect_id_defects_id_fk" FOREIGN KEY ("defect_id") REFERENCES "public"."defects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_defect_event_id_defect_events_id_fk" FOREIGN KEY ("defect_event_id") REFERENCES "public"."defect_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "photos_report_idx" ON "photos" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "photos_defect_idx" ON "photos" USING btree ("defect_id");--> statement-breakpoint
CREATE INDEX "photos_unattached_idx" ON "photos" USING btree ("created_at") WHERE "photos"."attached_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "p2h_reports_client_submission_key" ON "p2h_reports" USING btree ("user_id","client_submission_id") WHERE "p2h_reports"."client_submission_id" is not null;