CREATE TABLE "city_message_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message_id" bigint NOT NULL,
	"chat_id" bigint NOT NULL,
	"platform" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"error" text,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "city_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"partner_id" bigint NOT NULL,
	"author_person_id" bigint,
	"text_fr" text,
	"text_en" text,
	"urgent" boolean DEFAULT false NOT NULL,
	"communes" text[] DEFAULT '{}' NOT NULL,
	"quartier_ids" bigint[] DEFAULT '{}' NOT NULL,
	"group_kinds" text[] DEFAULT '{}' NOT NULL,
	"attachment_name" text,
	"attachment_data" text,
	"send_at" timestamp with time zone NOT NULL,
	"send_now" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"cancelled_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "city_messages" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "city_messages_noted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "city_message_deliveries" ADD CONSTRAINT "city_message_deliveries_message_id_city_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."city_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_message_deliveries" ADD CONSTRAINT "city_message_deliveries_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_messages" ADD CONSTRAINT "city_messages_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_messages" ADD CONSTRAINT "city_messages_author_person_id_people_id_fk" FOREIGN KEY ("author_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "city_message_deliveries_chat" ON "city_message_deliveries" USING btree ("message_id","chat_id");--> statement-breakpoint
CREATE INDEX "city_message_deliveries_status" ON "city_message_deliveries" USING btree ("message_id","status");--> statement-breakpoint
CREATE INDEX "city_messages_partner" ON "city_messages" USING btree ("partner_id","created_at");