// Per-room memory of recent frames, so a client that reconnects with its last sequence number gets
// exactly what it missed, or is told to take a fresh snapshot when the gap is older than we keep.

export interface Frame<T> {
  seq: number;
  data: T;
}

export type CatchUp<T> = { kind: "frames"; frames: Frame<T>[] } | { kind: "snapshot" };

export class FrameLog<T> {
  private frames: Frame<T>[] = [];
  /** Everything at or below this sequence is unknown here (before start, or evicted). */
  private knownAfter: number;

  constructor(
    private readonly capacity: number,
    startSeq: number,
  ) {
    this.knownAfter = startSeq;
  }

  push(frame: Frame<T>): void {
    this.frames.push(frame);
    while (this.frames.length > this.capacity) this.knownAfter = this.frames.shift()!.seq;
  }

  /** Frames after `lastSeq`, or "snapshot" when some of them may be missing. */
  since(lastSeq: number): CatchUp<T> {
    if (lastSeq < this.knownAfter) return { kind: "snapshot" };
    return { kind: "frames", frames: this.frames.filter((f) => f.seq > lastSeq) };
  }
}
