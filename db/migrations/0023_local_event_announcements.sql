CREATE TABLE "local_event_announcements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" bigint NOT NULL,
	"chat_id" bigint NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"error" text,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "local_event_announcements" ADD CONSTRAINT "local_event_announcements_event_id_partner_local_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."partner_local_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "local_event_announcements" ADD CONSTRAINT "local_event_announcements_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "local_event_announcements_chat" ON "local_event_announcements" USING btree ("event_id","chat_id");