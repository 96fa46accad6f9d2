-- docs/SECURITY.md: tokens are scoped by source, event types and locations (and reserve tokens by channel);
-- idempotency keys belong to the caller that sent them (review #12).

-- DropIndex
DROP INDEX "reservation_idempotency_key_key";

-- AlterTable
ALTER TABLE "connector_token" ADD COLUMN     "channels" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "event_types" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "locations" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "reservation" ADD COLUMN     "key_owner" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE UNIQUE INDEX "reservation_key_owner_idempotency_key_key" ON "reservation"("key_owner", "idempotency_key");

-- Holds made before this migration keep key_owner '': their keys are nobody's now, so a retry of
-- one makes a new hold (they all end within 24 h). Reusing them across callers was the leak.
