DROP INDEX "jobs_due";--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "urgent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "jobs_due" ON "jobs" USING btree ("urgent" DESC NULLS LAST,"run_at","id") WHERE "jobs"."status" = 'pending';
--> statement-breakpoint
-- Jobs already waiting whose kind is urgent (JobSpec.urgent) keep their place ahead.
UPDATE "jobs" SET "urgent" = true WHERE "status" IN ('pending', 'running') AND "kind" IN ('watchCheckIn', 'watchLadder', 'watchUnreachable', 'watchAnnounce', 'watchAnnounceGroup', 'watchRegistryHandled', 'cityMessageSendUrgent');
--> statement-breakpoint
-- …and so do the waiting plans of urgent city messages (their kind is not urgent in itself).
UPDATE "jobs" SET "urgent" = true FROM "city_messages" WHERE "jobs"."status" IN ('pending', 'running') AND "jobs"."kind" = 'cityMessagePlan' AND "city_messages"."id" = ("jobs"."payload"->>'messageId')::bigint AND "city_messages"."urgent";
