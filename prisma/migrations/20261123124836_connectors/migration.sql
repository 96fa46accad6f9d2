-- AlterTable
ALTER TABLE "rejected_event" ADD COLUMN     "headers" JSONB,
ADD COLUMN     "provider" TEXT,
ADD COLUMN     "resubmit_result" TEXT,
ADD COLUMN     "resubmitted_at" TIMESTAMPTZ(3),
ADD COLUMN     "topic" TEXT;

-- CreateTable
CREATE TABLE "source" (
    "code" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "channel_id" INTEGER,
    "locations" JSONB NOT NULL DEFAULT '{}',
    "application_id" TEXT,
    "user_id" TEXT,
    "notification_key_hash" TEXT,
    "rate_limit_per_minute" INTEGER NOT NULL DEFAULT 6000,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "source_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "source_secret" (
    "id" TEXT NOT NULL,
    "source_code" TEXT NOT NULL,
    "sealed" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "source_secret_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_delivery" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "topic" TEXT,
    "delivery_id" TEXT,
    "outcome" TEXT NOT NULL,
    "http_status" INTEGER NOT NULL,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "unmapped" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "provider_notification" (
    "source" TEXT NOT NULL,
    "notification_id" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "user_id" TEXT,
    "application_id" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provider_notification_pkey" PRIMARY KEY ("source","notification_id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "source_secret_source_code_idx" ON "source_secret"("source_code");

-- CreateIndex
CREATE INDEX "webhook_delivery_source_received_at_idx" ON "webhook_delivery"("source", "received_at");

-- CreateIndex
CREATE INDEX "webhook_delivery_received_at_idx" ON "webhook_delivery"("received_at");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- AddForeignKey
ALTER TABLE "source" ADD CONSTRAINT "source_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channel"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "source_secret" ADD CONSTRAINT "source_secret_source_code_fkey" FOREIGN KEY ("source_code") REFERENCES "source"("code") ON DELETE CASCADE ON UPDATE CASCADE;

-- The audit log is append-only like the ledger: who changed what stays on record.
CREATE OR REPLACE FUNCTION onepool_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege'; END $$;

CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION onepool_refuse_change();
