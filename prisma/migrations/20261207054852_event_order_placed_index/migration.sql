-- CreateIndex
CREATE INDEX "event_order_placed_idx" ON "event"("sku_id", "order_id", "occurred_at") WHERE (type = 'order.placed');
