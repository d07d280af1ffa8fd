CREATE TABLE "check_ins" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"watched_id" bigint NOT NULL,
	"chat_id" bigint NOT NULL,
	"hazard" text NOT NULL,
	"round" text NOT NULL,
	"referent_person_id" bigint,
	"sent_at" timestamp with time zone,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"step" integer DEFAULT 0 NOT NULL,
	"answered_by" bigint,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "referents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"chat_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"status" text NOT NULL,
	"backup_person_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vigilance_levels" (
	"departement" text NOT NULL,
	"hazard" text NOT NULL,
	"level" text NOT NULL,
	"source" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "vigilance_levels_departement_hazard_pk" PRIMARY KEY("departement","hazard")
);
--> statement-breakpoint
CREATE TABLE "watched_neighbours" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"chat_id" bigint NOT NULL,
	"referent_person_id" bigint,
	"person_id" bigint,
	"name" text NOT NULL,
	"location" text,
	"reach" text,
	"emergency_contact" text,
	"status" text NOT NULL,
	"consent_by" text,
	"consent_recorded_by" bigint,
	"consent_at" timestamp with time zone,
	"expires_on" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_watched_id_watched_neighbours_id_fk" FOREIGN KEY ("watched_id") REFERENCES "public"."watched_neighbours"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_referent_person_id_people_id_fk" FOREIGN KEY ("referent_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_answered_by_people_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referents" ADD CONSTRAINT "referents_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referents" ADD CONSTRAINT "referents_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referents" ADD CONSTRAINT "referents_backup_person_id_people_id_fk" FOREIGN KEY ("backup_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watched_neighbours" ADD CONSTRAINT "watched_neighbours_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watched_neighbours" ADD CONSTRAINT "watched_neighbours_referent_person_id_people_id_fk" FOREIGN KEY ("referent_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watched_neighbours" ADD CONSTRAINT "watched_neighbours_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watched_neighbours" ADD CONSTRAINT "watched_neighbours_consent_recorded_by_people_id_fk" FOREIGN KEY ("consent_recorded_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "check_ins_round" ON "check_ins" USING btree ("watched_id","round");--> statement-breakpoint
CREATE INDEX "check_ins_chat_round" ON "check_ins" USING btree ("chat_id","round");--> statement-breakpoint
CREATE INDEX "check_ins_sent" ON "check_ins" USING btree ("sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "referents_chat_person" ON "referents" USING btree ("chat_id","person_id");--> statement-breakpoint
CREATE INDEX "referents_person" ON "referents" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "watched_chat" ON "watched_neighbours" USING btree ("chat_id","status");--> statement-breakpoint
CREATE INDEX "watched_referent" ON "watched_neighbours" USING btree ("referent_person_id");--> statement-breakpoint
CREATE INDEX "watched_person" ON "watched_neighbours" USING btree ("person_id");