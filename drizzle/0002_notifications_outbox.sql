CREATE TYPE "public"."notification_status" AS ENUM('pending', 'sending', 'sent', 'failed', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."notification_type" AS ENUM('p2h_abnormal', 'p2h_warning', 'stnk_expiry', 'kir_expiry', 'pajak_expiry', 'test');--> statement-breakpoint
CREATE TYPE "public"."notification_recipient_kind" AS ENUM('personal', 'fallback_group', 'admin_group', 'explicit');--> statement-breakpoint
CREATE TABLE "telegram_notifications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "telegram_notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"type" "notification_type" NOT NULL,
	"report_id" integer,
	"vehicle_id" integer,
	"document_type" "document_type",
	"expiry_date" date,
	"threshold_key" text,
	"user_id" integer,
	"recipient_chat_id" text,
	"recipient_kind" "notification_recipient_kind",
	"message" text NOT NULL,
	"status" "notification_status" DEFAULT 'pending' NOT NULL,
	"last_error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"parts_sent" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claim_id" text,
	"sent_at" timestamp with time zone,
	"telegram_message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "telegram_notifications" ADD CONSTRAINT "telegram_notifications_report_id_p2h_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."p2h_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telegram_notifications" ADD CONSTRAINT "telegram_notifications_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telegram_notifications" ADD CONSTRAINT "telegram_notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "telegram_notifications_due_idx" ON "telegram_notifications" USING btree ("next_attempt_at") WHERE "telegram_notifications"."status" in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "telegram_notifications_report_idx" ON "telegram_notifications" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "telegram_notifications_created_idx" ON "telegram_notifications" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "telegram_notifications_expiry_key" ON "telegram_notifications" USING btree ("vehicle_id","document_type","expiry_date","threshold_key") WHERE "telegram_notifications"."threshold_key" is not null;