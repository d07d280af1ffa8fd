CREATE TABLE "gathering_claims" (
	"item_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"quantity" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gathering_claims_item_id_person_id_pk" PRIMARY KEY("item_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "gathering_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"gathering_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"category" text NOT NULL,
	"label" text NOT NULL,
	"quantity" integer NOT NULL,
	"note" text,
	"added_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gathering_rsvps" (
	"gathering_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"answer" text NOT NULL,
	"guests" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gathering_rsvps_gathering_id_person_id_pk" PRIMARY KEY("gathering_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "gatherings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"chat_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"title" text,
	"year" integer NOT NULL,
	"status" text NOT NULL,
	"date" text,
	"time" text,
	"place" text,
	"kit_id" text,
	"rain_place" text,
	"summary_message_id" text,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "official_fete_dates" (
	"year" integer PRIMARY KEY NOT NULL,
	"date" text NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "poll_votes" (
	"poll_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"option_indexes" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "poll_votes_poll_id_person_id_pk" PRIMARY KEY("poll_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "polls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"external_id" text NOT NULL,
	"chat_id" bigint NOT NULL,
	"message_id" text NOT NULL,
	"purpose" text NOT NULL,
	"gathering_id" bigint,
	"options" jsonb NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"late_vote_notice_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gathering_claims" ADD CONSTRAINT "gathering_claims_item_id_gathering_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."gathering_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gathering_claims" ADD CONSTRAINT "gathering_claims_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gathering_items" ADD CONSTRAINT "gathering_items_gathering_id_gatherings_id_fk" FOREIGN KEY ("gathering_id") REFERENCES "public"."gatherings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gathering_items" ADD CONSTRAINT "gathering_items_added_by_people_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gathering_rsvps" ADD CONSTRAINT "gathering_rsvps_gathering_id_gatherings_id_fk" FOREIGN KEY ("gathering_id") REFERENCES "public"."gatherings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gathering_rsvps" ADD CONSTRAINT "gathering_rsvps_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gatherings" ADD CONSTRAINT "gatherings_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gatherings" ADD CONSTRAINT "gatherings_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_votes" ADD CONSTRAINT "poll_votes_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_votes" ADD CONSTRAINT "poll_votes_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_gathering_id_gatherings_id_fk" FOREIGN KEY ("gathering_id") REFERENCES "public"."gatherings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gathering_claims_person" ON "gathering_claims" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "gathering_items_position" ON "gathering_items" USING btree ("gathering_id","position");--> statement-breakpoint
CREATE INDEX "gathering_rsvps_person" ON "gathering_rsvps" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "gatherings_chat" ON "gatherings" USING btree ("chat_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "gatherings_one_fete_a_year" ON "gatherings" USING btree ("chat_id","year") WHERE "gatherings"."kind" = 'fete' and "gatherings"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "poll_votes_person" ON "poll_votes" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "polls_platform_external_id" ON "polls" USING btree ("platform","external_id");--> statement-breakpoint
CREATE INDEX "polls_gathering" ON "polls" USING btree ("gathering_id");