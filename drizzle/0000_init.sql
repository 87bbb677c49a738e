CREATE TYPE "public"."user_role" AS ENUM('superadmin', 'admin', 'user', 'viewer');--> statement-breakpoint
CREATE TYPE "public"."document_type" AS ENUM('stnk', 'kir', 'pajak');--> statement-breakpoint
CREATE TYPE "public"."shift_type" AS ENUM('shift', 'long_shift', 'non_shift');--> statement-breakpoint
CREATE TYPE "public"."p2h_status" AS ENUM('normal', 'warning', 'abnormal');--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"full_name" text NOT NULL,
	"phone_number" text NOT NULL,
	"email" text,
	"role" "user_role" NOT NULL,
	"password_hash" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"token_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vehicle_documents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vehicle_documents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"vehicle_id" integer NOT NULL,
	"document_type" "document_type" NOT NULL,
	"expiry_date" date NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vehicle_types" (
	"name" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vehicles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vehicles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_code" text NOT NULL,
	"unit_code_key" text NOT NULL,
	"plate_number" text NOT NULL,
	"plate_key" text NOT NULL,
	"vehicle_type" text NOT NULL,
	"shift_type" "shift_type" NOT NULL,
	"brand" text,
	"assigned_driver_id" integer,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checklist_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "checklist_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"section" text NOT NULL,
	"item_name" text NOT NULL,
	"order" integer NOT NULL,
	"vehicle_types" text[],
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "p2h_report_details" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "p2h_report_details_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"report_id" integer NOT NULL,
	"checklist_item_id" integer NOT NULL,
	"section" text NOT NULL,
	"item_name" text NOT NULL,
	"status" "p2h_status" NOT NULL,
	"keterangan" text
);
--> statement-breakpoint
CREATE TABLE "p2h_reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "p2h_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"vehicle_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"shift_number" smallint NOT NULL,
	"operational_date" date NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"odometer" numeric(12, 1),
	"overall_status" "p2h_status" NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" integer
);
--> statement-breakpoint
ALTER TABLE "vehicle_documents" ADD CONSTRAINT "vehicle_documents_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_vehicle_type_vehicle_types_name_fk" FOREIGN KEY ("vehicle_type") REFERENCES "public"."vehicle_types"("name") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_assigned_driver_id_users_id_fk" FOREIGN KEY ("assigned_driver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "p2h_report_details" ADD CONSTRAINT "p2h_report_details_report_id_p2h_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."p2h_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "p2h_report_details" ADD CONSTRAINT "p2h_report_details_checklist_item_id_checklist_items_id_fk" FOREIGN KEY ("checklist_item_id") REFERENCES "public"."checklist_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "p2h_reports" ADD CONSTRAINT "p2h_reports_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "p2h_reports" ADD CONSTRAINT "p2h_reports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "p2h_reports" ADD CONSTRAINT "p2h_reports_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "users_phone_number_key" ON "users" USING btree ("phone_number");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email") WHERE "users"."email" is not null;--> statement-breakpoint
CREATE INDEX "users_full_name_idx" ON "users" USING btree ("full_name");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicle_documents_vehicle_type_key" ON "vehicle_documents" USING btree ("vehicle_id","document_type");--> statement-breakpoint
CREATE INDEX "vehicle_documents_expiry_idx" ON "vehicle_documents" USING btree ("expiry_date");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicles_unit_code_key_key" ON "vehicles" USING btree ("unit_code_key");--> statement-breakpoint
CREATE INDEX "vehicles_plate_key_idx" ON "vehicles" USING btree ("plate_key");--> statement-breakpoint
CREATE INDEX "vehicles_assigned_driver_idx" ON "vehicles" USING btree ("assigned_driver_id");--> statement-breakpoint
CREATE INDEX "checklist_items_order_idx" ON "checklist_items" USING btree ("order");--> statement-breakpoint
CREATE UNIQUE INDEX "p2h_report_details_item_key" ON "p2h_report_details" USING btree ("report_id","checklist_item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "p2h_reports_slot_key" ON "p2h_reports" USING btree ("vehicle_id","operational_date","shift_number") WHERE "p2h_reports"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "p2h_reports_date_idx" ON "p2h_reports" USING btree ("operational_date");--> statement-breakpoint
CREATE INDEX "p2h_reports_user_idx" ON "p2h_reports" USING btree ("user_id","submitted_at");