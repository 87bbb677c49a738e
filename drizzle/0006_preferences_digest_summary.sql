CREATE TYPE "public"."delivery_mode" AS ENUM('on', 'silent', 'off');--> statement-breakpoint
CREATE TYPE "public"."language" AS ENUM('id', 'en');--> statement-breakpoint
ALTER TYPE "public"."notification_type" ADD VALUE 'expiry_digest';--> statement-breakpoint
ALTER TYPE "public"."notification_type" ADD VALUE 'daily_summary';--> statement-breakpoint
ALTER TYPE "public"."notification_type" ADD VALUE 'account_notice';--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"p2h_warning" "delivery_mode" DEFAULT 'silent' NOT NULL,
	"p2h_abnormal" "delivery_mode" DEFAULT 'on' NOT NULL,
	"defects" "delivery_mode" DEFAULT 'on' NOT NULL,
	"expiry" "delivery_mode" DEFAULT 'on' NOT NULL,
	"daily_summary" "delivery_mode" DEFAULT 'on' NOT NULL,
	"quiet_hours_start" text,
	"quiet_hours_end" text,
	"language" "language" DEFAULT 'id' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_abnormal_never_off" CHECK ("notification_preferences"."p2h_abnormal" <> 'off'),
	CONSTRAINT "notification_preferences_quiet_hours_pair" CHECK (("notification_preferences"."quiet_hours_start" is null) = ("notification_preferences"."quiet_hours_end" is null))
);
--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;