-- CreateTable
CREATE TABLE "alert" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "subject_key" TEXT NOT NULL,
    "sku_id" INTEGER,
    "channel_id" INTEGER,
    "location_id" INTEGER,
    "source" TEXT,
    "listing_channel" TEXT,
    "listing_external_id" TEXT,
    "state" TEXT NOT NULL,
    "value" JSONB NOT NULL DEFAULT '{}',
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),
    "openings" INTEGER NOT NULL DEFAULT 1,
    "acknowledged_by" TEXT,
    "acknowledged_at" TIMESTAMPTZ(3),

    CONSTRAINT "alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_condition" (
    "kind" TEXT NOT NULL,
    "subject_key" TEXT NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alert_condition_pkey" PRIMARY KEY ("kind","subject_key")
);

-- CreateTable
CREATE TABLE "alert_event" (
    "id" BIGSERIAL NOT NULL,
    "alert_id" BIGINT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "change" TEXT NOT NULL,
    "value" JSONB NOT NULL DEFAULT '{}',
    "actor" TEXT,

    CONSTRAINT "alert_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_mute" (
    "kind" TEXT NOT NULL,
    "subject_key" TEXT NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_mute_pkey" PRIMARY KEY ("kind","subject_key")
);

-- CreateTable
CREATE TABLE "alert_setting" (
    "kind" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "updated_by" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_setting_pkey" PRIMARY KEY ("kind")
);

-- CreateIndex
CREATE INDEX "alert_state_kind_idx" ON "alert"("state", "kind");

-- CreateIndex
CREATE INDEX "alert_sku_id_idx" ON "alert"("sku_id");

-- CreateIndex
CREATE INDEX "alert_location_id_idx" ON "alert"("location_id");

-- CreateIndex
CREATE INDEX "alert_channel_id_idx" ON "alert"("channel_id");

-- CreateIndex
CREATE UNIQUE INDEX "alert_kind_subject_key_key" ON "alert"("kind", "subject_key");

-- CreateIndex
CREATE INDEX "alert_event_alert_id_id_idx" ON "alert_event"("alert_id", "id");

-- CreateIndex
CREATE INDEX "alert_event_at_idx" ON "alert_event"("at");

-- CreateIndex
CREATE INDEX "alert_mute_until_idx" ON "alert_mute"("until");
