-- CreateTable
CREATE TABLE "stock_count" (
    "id" TEXT NOT NULL,
    "location_id" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "blind" BOOLEAN NOT NULL DEFAULT true,
    "selection" JSONB NOT NULL DEFAULT '{}',
    "expected" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submitted_at" TIMESTAMPTZ(3),
    "approved_at" TIMESTAMPTZ(3),
    "approved_by" TEXT,
    "cancelled_at" TIMESTAMPTZ(3),
    "cancelled_by" TEXT,
    "created_by_id" TEXT,

    CONSTRAINT "stock_count_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stock_count_line" (
    "count_id" TEXT NOT NULL,
    "sku_id" INTEGER NOT NULL,
    "counted" INTEGER NOT NULL,
    "counted_at" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT,
    "entered_by" TEXT NOT NULL,

    CONSTRAINT "stock_count_line_pkey" PRIMARY KEY ("count_id","sku_id")
);

-- CreateIndex
CREATE INDEX "stock_count_status_location_id_idx" ON "stock_count"("status", "location_id");

-- AddForeignKey
ALTER TABLE "stock_count_line" ADD CONSTRAINT "stock_count_line_count_id_fkey" FOREIGN KEY ("count_id") REFERENCES "stock_count"("id") ON DELETE CASCADE ON UPDATE CASCADE;
