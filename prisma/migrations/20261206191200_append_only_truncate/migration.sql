-- The append-only triggers refused UPDATE and DELETE row by row; TRUNCATE fires no row trigger, so
-- it emptied the ledger or the audit log in one statement. Refuse it too (review finding 23).
CREATE TRIGGER event_no_truncate
  BEFORE TRUNCATE ON "event"
  FOR EACH STATEMENT EXECUTE FUNCTION onepool_refuse_ledger_change();

CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION onepool_refuse_change();
