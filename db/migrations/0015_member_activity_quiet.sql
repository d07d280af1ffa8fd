-- chat_members.last_active_at is marked once a day per member as they use the bot (the
-- console's "neighbours active this year"). That mark changes nothing the identity cache
-- keeps (db/identity-cache.ts), so it is not announced on 'identity_changes': otherwise every
-- member's first event of the day would make every process forget them and read them again.
DROP TRIGGER chat_members_changed ON chat_members;
--> statement-breakpoint
CREATE TRIGGER chat_members_deleted AFTER DELETE ON chat_members
  FOR EACH ROW EXECUTE FUNCTION identity_changed('p', 'person_id');
--> statement-breakpoint
CREATE TRIGGER chat_members_changed AFTER UPDATE ON chat_members
  FOR EACH ROW
  WHEN ((OLD.chat_id, OLD.person_id, OLD.first_seen_at, OLD.left_at)
    IS DISTINCT FROM (NEW.chat_id, NEW.person_id, NEW.first_seen_at, NEW.left_at))
  EXECUTE FUNCTION identity_changed('p', 'person_id');
