CREATE TABLE "kit_deliveries" (
	"kit_id" text NOT NULL,
	"chat_id" bigint NOT NULL,
	"month" text NOT NULL,
	"postcode" text,
	"departement" text,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "kit_deliveries_kit_id_chat_id_month_pk" PRIMARY KEY("kit_id","chat_id","month")
);
--> statement-breakpoint
CREATE TABLE "kit_suggestions_sent" (
	"chat_id" bigint NOT NULL,
	"season" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kit_suggestions_sent_chat_id_season_pk" PRIMARY KEY("chat_id","season")
);
--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "kit_suggestions" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "kit_deliveries" ADD CONSTRAINT "kit_deliveries_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kit_suggestions_sent" ADD CONSTRAINT "kit_suggestions_sent_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kit_deliveries_place" ON "kit_deliveries" USING btree ("departement","month");