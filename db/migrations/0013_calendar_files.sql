CREATE TABLE "gathering_calendar_copies" (
	"gathering_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gathering_calendar_copies_gathering_id_person_id_pk" PRIMARY KEY("gathering_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "gatherings" ADD COLUMN "calendar_sequence" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "gathering_calendar_copies" ADD CONSTRAINT "gathering_calendar_copies_gathering_id_gatherings_id_fk" FOREIGN KEY ("gathering_id") REFERENCES "public"."gatherings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gathering_calendar_copies" ADD CONSTRAINT "gathering_calendar_copies_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gathering_calendar_copies_person" ON "gathering_calendar_copies" USING btree ("person_id");