-- A change to a row the identity cache keeps (db/identity-cache.ts) is now announced with the
-- transaction that made it: 'c:<chat id>:<xact id>', 'p:<person id>:<xact id>'. A process that
-- wrote the change itself keeps the row its statement returned, with that transaction's id
-- (pg_current_xact_id() there too), and its own announcement, when it comes back, is then
-- recognised and not taken for someone else's: the chat is not forgotten and read again by
-- the next event of every member. A process of the previous release reads only the first two
-- parts of the payload (it splits at most twice), as before.
CREATE OR REPLACE FUNCTION identity_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'STATEMENT' THEN
    PERFORM pg_notify('identity_changes', '*');
  ELSE
    PERFORM pg_notify(
      'identity_changes',
      TG_ARGV[0] || ':' || (to_jsonb(OLD) ->> TG_ARGV[1]) || ':' || pg_current_xact_id()::text
    );
  END IF;
  RETURN NULL;
END
$$;
