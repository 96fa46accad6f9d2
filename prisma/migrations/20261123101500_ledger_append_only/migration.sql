-- The ledger is append-only: the database itself refuses to change or remove an event, whatever
-- code or person connects. Projections are rebuilt from it, never the other way round.
-- (One line per statement: Prisma's wasm engine splits migration scripts at line-ending semicolons.)
CREATE OR REPLACE FUNCTION onepool_refuse_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the event ledger is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$;

CREATE TRIGGER event_append_only
  BEFORE UPDATE OR DELETE ON "event"
  FOR EACH ROW EXECUTE FUNCTION onepool_refuse_ledger_change();
