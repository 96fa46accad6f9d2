-- AlterTable
ALTER TABLE "event" ADD COLUMN     "promised_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "published_history" (
    "id" BIGSERIAL NOT NULL,
    "sku_id" INTEGER NOT NULL,
    "channel_id" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "published_history_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "published_history_sku_id_channel_id_at_idx" ON "published_history"("sku_id", "channel_id", "at");

-- CreateIndex
CREATE INDEX "published_history_at_idx" ON "published_history"("at");
