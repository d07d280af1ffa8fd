-- Each bot process keeps the chats and people it sees in memory (db/identity-cache.ts), so
-- that an event from a known person in a known chat costs one statement (its id). Whoever
-- changes or removes such a row, in any process or by hand, says so on the
-- 'identity_changes' channel, and every process forgets its copy: 'c:<chat id>',
-- 'p:<person id>' (the person, their ids and their memberships), or '*' for everything.
CREATE FUNCTION identity_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'STATEMENT' THEN
    PERFORM pg_notify('identity_changes', '*');
  ELSE
    PERFORM pg_notify('identity_changes', TG_ARGV[0] || ':' || (to_jsonb(OLD) ->> TG_ARGV[1]));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER chats_changed AFTER UPDATE OR DELETE ON chats
  FOR EACH ROW EXECUTE FUNCTION identity_changed('c', 'id');
--> statement-breakpoint
CREATE TRIGGER people_changed AFTER UPDATE OR DELETE ON people
  FOR EACH ROW EXECUTE FUNCTION identity_changed('p', 'id');
--> statement-breakpoint
CREATE TRIGGER person_identities_changed AFTER UPDATE OR DELETE ON person_identities
  FOR EACH ROW EXECUTE FUNCTION identity_changed('p', 'person_id');
--> statement-breakpoint
CREATE TRIGGER chat_members_changed AFTER UPDATE OR DELETE ON chat_members
  FOR EACH ROW EXECUTE FUNCTION identity_changed('p', 'person_id');
--> statement-breakpoint
CREATE TRIGGER chats_truncated AFTER TRUNCATE ON chats
  FOR EACH STATEMENT EXECUTE FUNCTION identity_changed();
--> statement-breakpoint
CREATE TRIGGER people_truncated AFTER TRUNCATE ON people
  FOR EACH STATEMENT EXECUTE FUNCTION identity_changed();
--> statement-breakpoint
CREATE TRIGGER person_identities_truncated AFTER TRUNCATE ON person_identities
  FOR EACH STATEMENT EXECUTE FUNCTION identity_changed();
--> statement-breakpoint
CREATE TRIGGER chat_members_truncated AFTER TRUNCATE ON chat_members
  FOR EACH STATEMENT EXECUTE FUNCTION identity_changed();
