-- AlterTable
ALTER TABLE "channel_rule" ADD COLUMN     "updated_by" TEXT;

-- AlterTable
ALTER TABLE "pause" ADD COLUMN     "ended_by" TEXT;

-- CreateTable
CREATE TABLE "published_quantity" (
    "sku_id" INTEGER NOT NULL,
    "channel_id" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "pause_id" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "published_quantity_pkey" PRIMARY KEY ("sku_id","channel_id")
);

-- CreateIndex
CREATE INDEX "published_quantity_channel_id_idx" ON "published_quantity"("channel_id");

-- CreateIndex
CREATE INDEX "pause_ended_at_idx" ON "pause"("ended_at");
