-- Several numbered menus live at once in a chat (issue 15): one row per menu, numbered one
-- after the other in a group, optionally for one person only. The menus in hand (30 minutes
-- at most) are kept: each stays the chat's menu numbered from 1.
ALTER TABLE "numbered_prompts" DROP CONSTRAINT "numbered_prompts_pkey";--> statement-breakpoint
ALTER TABLE "numbered_prompts" ADD COLUMN "id" bigserial PRIMARY KEY NOT NULL;--> statement-breakpoint
ALTER TABLE "numbered_prompts" ADD COLUMN "first_number" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "numbered_prompts" ADD COLUMN "audience" text;--> statement-breakpoint
ALTER TABLE "numbered_prompts" ADD COLUMN "once" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "numbered_prompts_chat" ON "numbered_prompts" USING btree ("chat_id","expires_at");
