-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "last_seen_at" TIMESTAMPTZ(3);

-- "Last seen" came from the sessions, which deactivation, a password reset and signing out delete:
-- the People page then said "never" about someone who had used the app minutes before. Every
-- session write now carries its time to the person, where it stays.
-- (One line per statement: Prisma's wasm engine splits migration scripts at line-ending semicolons.)
CREATE OR REPLACE FUNCTION onepool_note_last_seen() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE app_user SET last_seen_at = GREATEST(COALESCE(last_seen_at, NEW.updated_at), NEW.updated_at) WHERE id = NEW.user_id; RETURN NEW; END $$;

CREATE TRIGGER auth_session_last_seen
  AFTER INSERT OR UPDATE ON "auth_session"
  FOR EACH ROW EXECUTE FUNCTION onepool_note_last_seen();

UPDATE app_user u SET last_seen_at = s.last FROM (SELECT user_id, max(updated_at) AS last FROM auth_session GROUP BY user_id) s WHERE s.user_id = u.id;
