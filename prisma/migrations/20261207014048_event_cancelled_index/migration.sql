-- CreateIndex
CREATE INDEX "event_cancelled_occurred_at_idx" ON "event"("occurred_at") WHERE (type = 'order.cancelled');
