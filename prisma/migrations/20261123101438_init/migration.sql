-- CreateTable
CREATE TABLE "sku" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit_cost" DECIMAL(12,2),
    "price" DECIMAL(12,2),
    "lead_time_days" INTEGER NOT NULL DEFAULT 14,
    "options" JSONB NOT NULL DEFAULT '{}',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sku_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "location" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "sellable" BOOLEAN NOT NULL DEFAULT true,
    "trusted_sources" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "count_sla_days" INTEGER NOT NULL DEFAULT 30,
    "lag_sla_seconds" INTEGER NOT NULL DEFAULT 300,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "location_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "channel" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "latency_minutes" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "channel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "listing" (
    "id" SERIAL NOT NULL,
    "channel_id" INTEGER NOT NULL,
    "external_id" TEXT NOT NULL,
    "sku_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "listing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event" (
    "seq" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "sku_id" INTEGER NOT NULL,
    "location_id" INTEGER NOT NULL,
    "to_location_id" INTEGER,
    "channel_id" INTEGER,
    "quantity" INTEGER NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "version" BIGINT,
    "order_id" TEXT,
    "reservation_id" TEXT,
    "reference" TEXT,
    "reason" TEXT,
    "condition" TEXT,
    "bucket" TEXT,
    "expected_at" TIMESTAMPTZ(3),
    "body" JSONB NOT NULL,

    CONSTRAINT "event_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "event_effect" (
    "seq" BIGINT NOT NULL,
    "sku_id" INTEGER NOT NULL,
    "location_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "event_effect_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "stock_level" (
    "sku_id" INTEGER NOT NULL,
    "location_id" INTEGER NOT NULL,
    "on_hand" INTEGER NOT NULL DEFAULT 0,
    "committed" INTEGER NOT NULL DEFAULT 0,
    "reserved" INTEGER NOT NULL DEFAULT 0,
    "damaged" INTEGER NOT NULL DEFAULT 0,
    "quality_control" INTEGER NOT NULL DEFAULT 0,
    "safety_stock" INTEGER NOT NULL DEFAULT 0,
    "available" INTEGER NOT NULL DEFAULT 0,
    "incoming" JSONB NOT NULL DEFAULT '{}',
    "incoming_total" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "last_seq" BIGINT NOT NULL DEFAULT 0,
    "last_event_at" TIMESTAMPTZ(3),
    "last_absolute_at" TIMESTAMPTZ(3),
    "last_count_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_level_pkey" PRIMARY KEY ("sku_id","location_id")
);

-- CreateTable
CREATE TABLE "sales_hourly" (
    "sku_id" INTEGER NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "units" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "sales_hourly_pkey" PRIMARY KEY ("sku_id","hour")
);

-- CreateTable
CREATE TABLE "rejected_event" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT,
    "event_id" TEXT,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "raw" TEXT NOT NULL,
    "token_id" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rejected_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "unmapped_event" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "unmapped_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "connector_token" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "scopes" TEXT[],
    "sources" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "connector_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "channel_rule" (
    "id" SERIAL NOT NULL,
    "channel_id" INTEGER NOT NULL,
    "sku_id" INTEGER,
    "tag" TEXT,
    "buffer_units" INTEGER,
    "buffer_percent" INTEGER,
    "dynamic_k" DECIMAL(10,4),
    "reserve_units" INTEGER,
    "reserve_percent" INTEGER,
    "floor" INTEGER,
    "min_qty" INTEGER,
    "max_qty" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "channel_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pause" (
    "id" SERIAL NOT NULL,
    "channel_id" INTEGER,
    "sku_id" INTEGER,
    "reason" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "until" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pause_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sku_code_key" ON "sku"("code");

-- CreateIndex
CREATE UNIQUE INDEX "location_code_key" ON "location"("code");

-- CreateIndex
CREATE UNIQUE INDEX "channel_code_key" ON "channel"("code");

-- CreateIndex
CREATE INDEX "listing_sku_id_idx" ON "listing"("sku_id");

-- CreateIndex
CREATE UNIQUE INDEX "listing_channel_id_external_id_key" ON "listing"("channel_id", "external_id");

-- CreateIndex
CREATE INDEX "event_sku_id_location_id_occurred_at_idx" ON "event"("sku_id", "location_id", "occurred_at");

-- CreateIndex
CREATE INDEX "event_to_location_id_sku_id_idx" ON "event"("to_location_id", "sku_id");

-- CreateIndex
CREATE INDEX "event_received_at_idx" ON "event"("received_at");

-- CreateIndex
CREATE INDEX "event_sku_id_seq_idx" ON "event"("sku_id", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "event_source_event_id_key" ON "event"("source", "event_id");

-- CreateIndex
CREATE INDEX "event_effect_sku_id_location_id_idx" ON "event_effect"("sku_id", "location_id");

-- CreateIndex
CREATE INDEX "stock_level_location_id_idx" ON "stock_level"("location_id");

-- CreateIndex
CREATE INDEX "rejected_event_received_at_idx" ON "rejected_event"("received_at");

-- CreateIndex
CREATE INDEX "rejected_event_source_received_at_idx" ON "rejected_event"("source", "received_at");

-- CreateIndex
CREATE INDEX "unmapped_event_channel_external_id_idx" ON "unmapped_event"("channel", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "unmapped_event_source_event_id_key" ON "unmapped_event"("source", "event_id");

-- CreateIndex
CREATE UNIQUE INDEX "connector_token_token_hash_key" ON "connector_token"("token_hash");

-- CreateIndex
CREATE INDEX "channel_rule_channel_id_idx" ON "channel_rule"("channel_id");

-- AddForeignKey
ALTER TABLE "listing" ADD CONSTRAINT "listing_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "listing" ADD CONSTRAINT "listing_sku_id_fkey" FOREIGN KEY ("sku_id") REFERENCES "sku"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_level" ADD CONSTRAINT "stock_level_sku_id_fkey" FOREIGN KEY ("sku_id") REFERENCES "sku"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_level" ADD CONSTRAINT "stock_level_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channel_rule" ADD CONSTRAINT "channel_rule_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channel_rule" ADD CONSTRAINT "channel_rule_sku_id_fkey" FOREIGN KEY ("sku_id") REFERENCES "sku"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pause" ADD CONSTRAINT "pause_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channel"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pause" ADD CONSTRAINT "pause_sku_id_fkey" FOREIGN KEY ("sku_id") REFERENCES "sku"("id") ON DELETE SET NULL ON UPDATE CASCADE;
