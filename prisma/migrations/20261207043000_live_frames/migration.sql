-- CreateTable
CREATE TABLE "socket_io_attachments" (
    "id" BIGSERIAL NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payload" BYTEA NOT NULL
);

-- CreateTable
CREATE TABLE "live_frame" (
    "seq" BIGSERIAL NOT NULL,
    "room" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "live_frame_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "socket_io_attachments_id_key" ON "socket_io_attachments"("id");

-- CreateIndex
CREATE INDEX "live_frame_room_seq_idx" ON "live_frame"("room", "seq");

-- CreateIndex
CREATE INDEX "live_frame_created_at_idx" ON "live_frame"("created_at");
