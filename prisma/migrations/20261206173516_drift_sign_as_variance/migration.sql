-- Drift was stored as reported − pool; docs/RECONCILIATION.md#drift gives it the sign of count variance: pool − reported
-- (positive = the source sees fewer units). event_effect is a projection (npm run rebuild makes it
-- again from the ledger); flipping the stored rows keeps an existing database consistent without one.
UPDATE "event_effect" SET "amount" = -"amount" WHERE "kind" = 'drift';
