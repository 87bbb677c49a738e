ALTER TABLE "telegram_notifications" ADD COLUMN "disable_notification" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "telegram_notifications" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "telegram_notifications_dedupe_key" ON "telegram_notifications" USING btree ("dedupe_key") WHERE "telegram_notifications"."dedupe_key" is not null;