CREATE TABLE "partner_local_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"partner_id" bigint NOT NULL,
	"date" text NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_programme_lines" (
	"partner_id" bigint NOT NULL,
	"moment" text NOT NULL,
	"line" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_programme_lines_partner_id_moment_pk" PRIMARY KEY("partner_id","moment")
);
--> statement-breakpoint
CREATE TABLE "registry_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"partner_id" bigint NOT NULL,
	"chat_id" bigint NOT NULL,
	"watched_id" bigint,
	"referent_person_id" bigint,
	"person_id" bigint,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"reach" text,
	"emergency_contact" text,
	"status" text NOT NULL,
	"consent_by" text,
	"consent_at" timestamp with time zone,
	"handled_at" timestamp with time zone,
	"handled_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "ccas_phone" text;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "ccas_registry_howto" text;--> statement-breakpoint
ALTER TABLE "quartiers" ADD COLUMN "heat_exposed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "partner_local_events" ADD CONSTRAINT "partner_local_events_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_programme_lines" ADD CONSTRAINT "partner_programme_lines_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_requests" ADD CONSTRAINT "registry_requests_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_requests" ADD CONSTRAINT "registry_requests_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_requests" ADD CONSTRAINT "registry_requests_watched_id_watched_neighbours_id_fk" FOREIGN KEY ("watched_id") REFERENCES "public"."watched_neighbours"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_requests" ADD CONSTRAINT "registry_requests_referent_person_id_people_id_fk" FOREIGN KEY ("referent_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_requests" ADD CONSTRAINT "registry_requests_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_requests" ADD CONSTRAINT "registry_requests_handled_by_people_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partner_local_events_partner" ON "partner_local_events" USING btree ("partner_id","date");--> statement-breakpoint
CREATE INDEX "registry_requests_partner" ON "registry_requests" USING btree ("partner_id","status");--> statement-breakpoint
CREATE INDEX "registry_requests_referent" ON "registry_requests" USING btree ("referent_person_id");--> statement-breakpoint
CREATE INDEX "registry_requests_person" ON "registry_requests" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "registry_requests_watched" ON "registry_requests" USING btree ("watched_id");