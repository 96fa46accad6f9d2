-- CreateTable
CREATE TABLE "rate_limit_hit" (
    "key" TEXT NOT NULL,
    "hits" INTEGER NOT NULL DEFAULT 0,
    "reset_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limit_hit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "rate_limit_hit_reset_at_idx" ON "rate_limit_hit"("reset_at");

-- Counters, not records: no WAL for them (a crash forgets at most the current minute's counts).
ALTER TABLE "rate_limit_hit" SET UNLOGGED;
