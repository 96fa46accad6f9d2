-- CreateTable
CREATE TABLE "scorecard_subscription" (
    "person_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scorecard_subscription_pkey" PRIMARY KEY ("person_id")
);

-- CreateTable
CREATE TABLE "scorecard_delivery" (
    "week" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    "error" TEXT,
    "message_id" TEXT,

    CONSTRAINT "scorecard_delivery_pkey" PRIMARY KEY ("week","person_id")
);

-- CreateIndex
CREATE INDEX "scorecard_delivery_created_at_idx" ON "scorecard_delivery"("created_at");

-- AddForeignKey
ALTER TABLE "scorecard_subscription" ADD CONSTRAINT "scorecard_subscription_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scorecard_delivery" ADD CONSTRAINT "scorecard_delivery_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
