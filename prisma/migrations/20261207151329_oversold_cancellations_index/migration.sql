-- CreateIndex
CREATE INDEX "event_oversold_occurred_at_idx" ON "event"("occurred_at", "seq") WHERE (type = 'order.cancelled' AND reason = 'oversold');
