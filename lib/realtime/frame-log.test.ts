import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FrameLog } from "./frame-log";

const seqs = (r: ReturnType<FrameLog<string>["since"]>) => (r.kind === "frames" ? r.frames.map((f) => f.seq) : "snapshot");

describe("FrameLog", () => {
  it("a client that is up to date gets nothing; one that is behind gets exactly what it missed, in order", () => {
    const log = new FrameLog<string>(10, 100);
    for (const seq of [101, 102, 103]) log.push({ seq, data: `f${seq}` });
    expect(seqs(log.since(103))).toEqual([]);
    expect(seqs(log.since(101))).toEqual([102, 103]);
    expect(seqs(log.since(100))).toEqual([101, 102, 103]);
    const r = log.since(102);
    expect(r).toEqual({ kind: "frames", frames: [{ seq: 103, data: "f103" }] });
  });

  it("a client from before the log started must take a snapshot", () => {
    const log = new FrameLog<string>(10, 100);
    log.push({ seq: 101, data: "x" });
    expect(log.since(99)).toEqual({ kind: "snapshot" });
    expect(seqs(log.since(100))).toEqual([101]);
  });

  it("keeps only `capacity` frames; a gap older than that means snapshot", () => {
    const log = new FrameLog<string>(3, 0);
    for (let seq = 1; seq <= 5; seq++) log.push({ seq, data: String(seq) });
    // kept: 3, 4, 5 — frames 1 and 2 are gone
    expect(seqs(log.since(5))).toEqual([]);
    expect(seqs(log.since(2))).toEqual([3, 4, 5]);
    expect(log.since(1)).toEqual({ kind: "snapshot" });
    expect(log.since(0)).toEqual({ kind: "snapshot" });
  });

  it("works with gaps in the sequence (other rooms share the counter)", () => {
    const log = new FrameLog<string>(2, 1000);
    for (const seq of [1005, 1010, 1020]) log.push({ seq, data: "" });
    expect(seqs(log.since(1007))).toEqual([1010, 1020]); // 1005 evicted, but 1007 already covers it
    expect(seqs(log.since(1005))).toEqual([1010, 1020]);
    expect(log.since(1004)).toEqual({ kind: "snapshot" });
  });

  it("never loses a frame silently: frames or snapshot, and frames are all kept ones after lastSeq (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 30 }), fc.integer({ min: -2, max: 120 }), (capacity, steps, lastSeq) => {
        const start = 0;
        const log = new FrameLog<number>(capacity, start);
        const all: number[] = [];
        let seq = start;
        for (const s of steps) {
          seq += s;
          all.push(seq);
          log.push({ seq, data: seq });
        }
        const kept = all.slice(-capacity);
        const evicted = all.slice(0, Math.max(0, all.length - capacity));
        const r = log.since(lastSeq);
        const canServe = lastSeq >= start && evicted.every((x) => x <= lastSeq);
        if (canServe) {
          // everything the client missed is still kept: exactly those frames, no snapshot
          expect(r).toEqual({ kind: "frames", frames: kept.filter((x) => x > lastSeq).map((x) => ({ seq: x, data: x })) });
          expect(r.kind === "frames" && r.frames.map((f) => f.seq)).toEqual(all.filter((x) => x > lastSeq));
        } else {
          // something it missed is gone (or it predates the log): it must be told to resync
          expect(r).toEqual({ kind: "snapshot" });
        }
      }),
    );
  });
});
