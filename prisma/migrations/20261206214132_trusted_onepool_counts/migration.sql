-- CreateTable
CREATE TABLE "refold_request" (
    "location_id" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "refold_request_pkey" PRIMARY KEY ("location_id")
);

-- docs/RECONCILIATION.md#numbers: `onepool-counts` (approved counts) is trusted at every location. Where a location
-- listed trusted sources without it, those counts were folded as drift; start-up refolds them.
INSERT INTO "refold_request" ("location_id", "reason")
SELECT l."id", 'onepool-counts is trusted at every location'
  FROM "location" l
 WHERE cardinality(l."trusted_sources") > 0
   AND NOT ('onepool-counts' = ANY (l."trusted_sources"))
   AND EXISTS (SELECT 1 FROM "event" e WHERE e."source" = 'onepool-counts' AND e."location_id" = l."id");
