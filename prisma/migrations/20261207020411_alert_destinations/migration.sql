-- CreateTable
CREATE TABLE "alert_destination" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret_sealed" TEXT,
    "kinds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "failing_since" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_by" TEXT NOT NULL,
    "updated_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_destination_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_destination_item" (
    "destination_id" INTEGER NOT NULL,
    "alert_event_id" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_destination_item_pkey" PRIMARY KEY ("destination_id","alert_event_id")
);

-- CreateTable
CREATE TABLE "alert_destination_group" (
    "destination_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "last_message_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alert_destination_group_pkey" PRIMARY KEY ("destination_id","kind")
);

-- CreateTable
CREATE TABLE "alert_delivery" (
    "id" BIGSERIAL NOT NULL,
    "destination_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_until" TIMESTAMPTZ(3),
    "last_attempt_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "alert_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "alert_destination_name_key" ON "alert_destination"("name");

-- CreateIndex
CREATE INDEX "alert_destination_item_destination_id_kind_idx" ON "alert_destination_item"("destination_id", "kind");

-- CreateIndex
CREATE INDEX "alert_delivery_state_next_attempt_at_idx" ON "alert_delivery"("state", "next_attempt_at");

-- CreateIndex
CREATE INDEX "alert_delivery_destination_id_id_idx" ON "alert_delivery"("destination_id", "id");

-- Each alert turn a destination reports (opened, reopened, resolved; its kind within the
-- destination's kinds) is queued for it in the transaction that records the turn: a cursor over
-- alert_event ids would skip a turn whose transaction took a lower id but committed after a
-- higher one was read. Statement-level, over the transition table. (One line per statement: Prisma's wasm engine splits migration scripts at line-ending semicolons.)
CREATE OR REPLACE FUNCTION onepool_alert_destination_items() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO alert_destination_item (destination_id, alert_event_id, kind) SELECT d.id, n.id, a.kind FROM new_rows n JOIN alert a ON a.id = n.alert_id JOIN alert_destination d ON d.enabled AND (cardinality(COALESCE(d.kinds, ARRAY[]::text[])) = 0 OR a.kind = ANY(d.kinds)) WHERE n.change IN ('opened', 'reopened', 'resolved') ON CONFLICT DO NOTHING; RETURN NULL; END $$;

CREATE TRIGGER alert_event_destination_items AFTER INSERT ON "alert_event" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION onepool_alert_destination_items();
