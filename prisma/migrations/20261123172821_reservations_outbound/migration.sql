-- AlterTable
ALTER TABLE "listing" ADD COLUMN     "kind" TEXT;

-- CreateTable
CREATE TABLE "reservation" (
    "id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "sku_id" INTEGER NOT NULL,
    "channel_id" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "ttl_seconds" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "parts" JSONB NOT NULL DEFAULT '[]',
    "published" INTEGER NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "order_id" TEXT,

    CONSTRAINT "reservation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "channel_outbound" (
    "channel_id" INTEGER NOT NULL,
    "provider" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret_sealed" TEXT NOT NULL,
    "location_id" TEXT,
    "failing_since" TIMESTAMPTZ(3),
    "failing_reason" TEXT,
    "last_ack_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "channel_outbound_pkey" PRIMARY KEY ("channel_id")
);

-- CreateTable
CREATE TABLE "outbound_push" (
    "channel_id" INTEGER NOT NULL,
    "sku_id" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "sequence" BIGSERIAL NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "claimed_until" TIMESTAMPTZ(3),
    "claimed_by" INTEGER,
    "first_occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "last_occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "next_occurred_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "last_attempt_at" TIMESTAMPTZ(3),
    "acked_quantity" INTEGER,
    "acked_sequence" BIGINT,
    "acked_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbound_push_pkey" PRIMARY KEY ("channel_id","sku_id")
);

-- CreateTable
CREATE TABLE "outbound_ack" (
    "id" BIGSERIAL NOT NULL,
    "channel_id" INTEGER NOT NULL,
    "sku_id" INTEGER NOT NULL,
    "sequence" BIGINT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "attempts" INTEGER NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "acked_at" TIMESTAMPTZ(3) NOT NULL,
    "lag_ms" INTEGER NOT NULL,

    CONSTRAINT "outbound_ack_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "reservation_idempotency_key_key" ON "reservation"("idempotency_key");

-- CreateIndex
CREATE INDEX "reservation_status_expires_at_idx" ON "reservation"("status", "expires_at");

-- CreateIndex
CREATE INDEX "reservation_sku_id_status_idx" ON "reservation"("sku_id", "status");

-- CreateIndex
CREATE INDEX "outbound_push_state_next_attempt_at_idx" ON "outbound_push"("state", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbound_ack_channel_id_acked_at_idx" ON "outbound_ack"("channel_id", "acked_at");

-- CreateIndex
CREATE INDEX "outbound_ack_acked_at_idx" ON "outbound_ack"("acked_at");
