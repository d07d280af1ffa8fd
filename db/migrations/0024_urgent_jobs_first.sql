DROP INDEX "jobs_due";--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "urgent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "jobs_due" ON "jobs" USING btree ("urgent" DESC NULLS LAST,"run_at","id") WHERE "jobs"."status" = 'pending';
--> statement-breakpoint
-- Jobs already waiting whose kind is urgent (JobSpec.urgent) keep their place ahead.
UPDATE "jobs" SET "urgent" = true WHERE "status" IN ('pending', 'running') AND "kind" IN ('watchCheckIn', 'watchLadder', 'watchUnreachable', 'watchAnnounce', 'watchAnnounceGroup', 'watchRegistryHandled', 'cityMessageSendUrgent');
