-- AlterTable
ALTER TABLE "outbound_push" ALTER COLUMN "first_occurred_at" DROP NOT NULL;

-- AlterTable
ALTER TABLE "outbound_ack" ALTER COLUMN "occurred_at" DROP NOT NULL,
ALTER COLUMN "lag_ms" DROP NOT NULL;
