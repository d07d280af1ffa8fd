DROP INDEX "local_event_announcements_chat";--> statement-breakpoint
ALTER TABLE "local_event_announcements" ADD COLUMN "kind" text DEFAULT 'announcement' NOT NULL;--> statement-breakpoint
ALTER TABLE "local_event_announcements" ADD COLUMN "round" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "local_event_announcements" ADD COLUMN "date" text;--> statement-breakpoint
ALTER TABLE "local_event_announcements" ADD COLUMN "time" text;--> statement-breakpoint
ALTER TABLE "local_event_announcements" ADD COLUMN "place" text;--> statement-breakpoint
ALTER TABLE "local_event_announcements" ADD COLUMN "title" text;--> statement-breakpoint
ALTER TABLE "partner_local_events" ADD COLUMN "time" text;--> statement-breakpoint
ALTER TABLE "partner_local_events" ADD COLUMN "place" text;--> statement-breakpoint
ALTER TABLE "partner_local_events" ADD COLUMN "description" text;--> statement-breakpoint
ALTER TABLE "partner_local_events" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "partner_local_events" ADD COLUMN "announce_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "partner_local_events" ADD COLUMN "announced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "partner_local_events" ADD COLUMN "changed_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "partner_local_events" ADD COLUMN "round_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "partner_local_events" ADD COLUMN "last_round_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "partner_local_events" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "local_event_announcements_once" ON "local_event_announcements" USING btree ("event_id","chat_id","kind") WHERE "local_event_announcements"."kind" <> 'change';--> statement-breakpoint
CREATE UNIQUE INDEX "local_event_announcements_change_in_flight" ON "local_event_announcements" USING btree ("event_id","chat_id") WHERE "local_event_announcements"."kind" = 'change' AND "local_event_announcements"."status" IN ('pending', 'sending');--> statement-breakpoint
-- What the groups were told: the event as it is now (its form at the send is not known; a
-- change made before this upgrade was not announced and is not announced now either).
UPDATE "local_event_announcements" SET "date" = "e"."date", "title" = "e"."title" FROM "partner_local_events" "e" WHERE "e"."id" = "local_event_announcements"."event_id" AND "local_event_announcements"."status" IN ('sent', 'sending', 'failed');
--> statement-breakpoint
-- When each event's announcement was planned: its latest plan job for its present date, or
-- else its first announcement sent.
UPDATE "partner_local_events" SET "announce_at" = coalesce((SELECT max("j"."run_at") FROM "jobs" "j" WHERE "j"."kind" = 'localEventPlan' AND "j"."payload"->>'eventId' = "partner_local_events"."id"::text AND "j"."payload"->>'date' = "partner_local_events"."date"), (SELECT min("a"."sent_at") FROM "local_event_announcements" "a" WHERE "a"."event_id" = "partner_local_events"."id"));
--> statement-breakpoint
-- …and whether it ran: a plan job done, or groups already found.
UPDATE "partner_local_events" SET "announced_at" = "announce_at" WHERE "announce_at" IS NOT NULL AND (EXISTS (SELECT 1 FROM "jobs" "j" WHERE "j"."kind" = 'localEventPlan' AND "j"."status" = 'done' AND "j"."payload"->>'eventId' = "partner_local_events"."id"::text AND "j"."payload"->>'date' = "partner_local_events"."date") OR EXISTS (SELECT 1 FROM "local_event_announcements" "a" WHERE "a"."event_id" = "partner_local_events"."id"));
