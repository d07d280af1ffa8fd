CREATE TABLE "flood_counts" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"event_id" text NOT NULL,
	"chat_key" text NOT NULL,
	"event" jsonb NOT NULL,
	"flood" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"chat_id" text NOT NULL,
	"action" text NOT NULL,
	"message" jsonb,
	"target_message_id" text,
	"priority" integer DEFAULT 0 NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "send_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"next_at" timestamp with time zone NOT NULL,
	"recent" timestamp with time zone[] DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX "inbox_lease" ON "inbox" USING btree ("locked_until");--> statement-breakpoint
CREATE INDEX "outbox_due" ON "outbox" USING btree ("platform","priority","not_before");--> statement-breakpoint
CREATE INDEX "outbox_chat" ON "outbox" USING btree ("platform","chat_id","id");--> statement-breakpoint
-- Sending within a platform's limits for the bot as a whole, however many instances run: the
-- one clock they share is this database's. A send passes two lanes:
--  - its bot's calendar: time cut into slots of p_slot_ms, one send per slot (Telegram: 30
--    a second, evenly spaced). send_limits 'bot:…' keeps the first slot not known to be
--    taken (next_at) and the slots taken beyond it (recent), since a send may take a later
--    slot than the next one (its chat is not ready yet) without holding the others back;
--  - its chat: at least p_gap_ms after the chat's previous send, and at most p_window_max
--    sends in any p_window_ms (Telegram groups: 20 a minute; ordinary traffic is given
--    fewer, so that urgent traffic always finds room). send_limits 'chat:…' keeps the next
--    time allowed (next_at) and the times of the sends in the window (recent, ascending).
-- reserve_send finds the earliest time both lanes allow for the first of p_parts sends (a
-- long text goes out in parts), and if it is within p_horizon_ms, records the parts and
-- returns that time (reserved); otherwise it records nothing and returns when to try again.
-- With p_check_queue, a send that would overtake what waits in the outbox (its chat's
-- queue, or more urgent messages already due) is told to queue behind it instead.
-- Locks: the chat's row, then the bot's, by every caller in that order.
CREATE FUNCTION reserve_send(
  p_platform text,
  p_bot text,
  p_slot_ms double precision,
  p_chat_id text,
  p_gap_ms double precision,
  p_window_max integer,
  p_window_ms integer,
  p_priority integer,
  p_parts integer,
  p_horizon_ms integer,
  p_check_queue boolean
) RETURNS TABLE (slot_at timestamptz, reserved boolean, db_now timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
  now_ts timestamptz := clock_timestamp();
  window_length interval := make_interval(secs => p_window_ms / 1000.0);
  gap interval := make_interval(secs => p_gap_ms / 1000.0);
  chat_key text := 'chat:' || p_platform || ':' || p_chat_id;
  bot_key text := 'bot:' || p_bot;
  chat_next timestamptz;
  chat_recent timestamptz[];
  bot_next double precision;
  bot_taken double precision[];
  t timestamptz;
  first_t timestamptz;
  s double precision;
  n integer;
BEGIN
  IF p_check_queue AND (
    EXISTS (
      SELECT 1 FROM outbox
      WHERE platform = p_platform AND chat_id = p_chat_id AND priority >= p_priority
    )
    OR EXISTS (
      SELECT 1 FROM outbox
      WHERE platform = p_platform AND priority > p_priority AND not_before <= now_ts
    )
  ) THEN
    RETURN QUERY SELECT now_ts, false, now_ts;
    RETURN;
  END IF;

  INSERT INTO send_limits (key, next_at) VALUES (chat_key, '-infinity') ON CONFLICT DO NOTHING;
  SELECT next_at, recent INTO chat_next, chat_recent FROM send_limits
    WHERE key = chat_key FOR UPDATE;
  chat_recent := ARRAY(
    SELECT x FROM unnest(chat_recent) AS x WHERE x > now_ts - window_length ORDER BY x
  );
  IF p_slot_ms > 0 THEN
    INSERT INTO send_limits (key, next_at) VALUES (bot_key, '-infinity') ON CONFLICT DO NOTHING;
    SELECT
      CASE WHEN next_at = '-infinity' THEN 0 ELSE round(extract(epoch FROM next_at) * 1000 / p_slot_ms) END,
      ARRAY(SELECT round(extract(epoch FROM x) * 1000 / p_slot_ms) FROM unnest(recent) AS x)
      INTO bot_next, bot_taken
      FROM send_limits WHERE key = bot_key FOR UPDATE;
    -- Slots in the past are free for no one.
    bot_next := greatest(bot_next, ceil(extract(epoch FROM now_ts) * 1000 / p_slot_ms));
    bot_taken := ARRAY(SELECT x FROM unnest(bot_taken) AS x WHERE x >= bot_next);
  END IF;

  FOR part IN 1..greatest(p_parts, 1) LOOP
    t := greatest(now_ts, chat_next);
    n := cardinality(chat_recent);
    IF p_window_max > 0 AND n >= p_window_max THEN
      t := greatest(t, chat_recent[n - p_window_max + 1] + window_length);
    END IF;
    IF p_slot_ms > 0 THEN
      s := greatest(bot_next, ceil(extract(epoch FROM t) * 1000 / p_slot_ms));
      WHILE s = ANY (bot_taken) LOOP
        s := s + 1;
      END LOOP;
      t := to_timestamp(s * p_slot_ms / 1000);
    END IF;
    IF part = 1 THEN
      IF t > now_ts + make_interval(secs => p_horizon_ms / 1000.0) THEN
        RETURN QUERY SELECT t, false, now_ts;
        RETURN;
      END IF;
      first_t := t;
    END IF;
    chat_next := t + gap;
    chat_recent := chat_recent || t;
    IF p_slot_ms > 0 THEN
      IF s = bot_next THEN
        bot_next := bot_next + 1;
        WHILE bot_next = ANY (bot_taken) LOOP
          bot_next := bot_next + 1;
        END LOOP;
        bot_taken := ARRAY(SELECT x FROM unnest(bot_taken) AS x WHERE x > bot_next);
      ELSE
        bot_taken := bot_taken || s;
      END IF;
    END IF;
  END LOOP;

  UPDATE send_limits SET next_at = chat_next, recent = chat_recent WHERE key = chat_key;
  IF p_slot_ms > 0 THEN
    UPDATE send_limits SET
      next_at = to_timestamp(bot_next * p_slot_ms / 1000),
      recent = ARRAY(SELECT to_timestamp(x * p_slot_ms / 1000) FROM unnest(bot_taken) AS x)
      WHERE key = bot_key;
  END IF;
  RETURN QUERY SELECT first_t, true, now_ts;
END
$$;
