-- Each bot process keeps the partner cities of every covered commune in memory with the chats
-- and people of db/identity-cache.ts: whoever adds, renames or removes a partner or one of its
-- communes, in any process or by hand, says so on the same channel ('partners'), and every
-- process reads them again when next asked.
CREATE FUNCTION partners_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('identity_changes', 'partners');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER partners_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON partners
  FOR EACH STATEMENT EXECUTE FUNCTION partners_changed();
--> statement-breakpoint
CREATE TRIGGER partner_communes_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON partner_communes
  FOR EACH STATEMENT EXECUTE FUNCTION partners_changed();
