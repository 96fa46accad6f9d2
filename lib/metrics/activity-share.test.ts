import { describe, expect, it } from "vitest";
import { ActivityOutbox, parseActivity } from "./activity-share";
import { bucketFloorMs, LagWindow } from "./lag-window";
import { SenderActivity } from "./sender-activity";

const T = 1_700_000_000_000;

describe("sharing activity between instances", () => {
  it("another instance's lag window gives the same percentiles as the sender's", () => {
    const outbox = new ActivityOutbox();
    const here = new LagWindow(300);
    for (let i = 0; i < 500; i++) {
      const lag = (i * 37) % 5000;
      outbox.addLag(T + i * 10, lag);
      here.add(T + i * 10, lag);
    }
    const there = new LagWindow(300);
    for (const p of outbox.drain()) {
      for (const [second, bucket, n] of parseActivity(p)!.l) for (let i = 0; i < n; i++) there.add(second * 1000, bucketFloorMs(bucket));
    }
    expect(there.summary(T + 10_000)).toEqual(here.summary(T + 10_000));
    expect(outbox.drain()).toEqual([]);
  });

  it("another instance's sender health adds this one's counts", () => {
    const outbox = new ActivityOutbox();
    outbox.addSender("wms", "accepted", T);
    outbox.addSender("wms", "unmapped", T + 1);
    outbox.addSender("wms", "rejected", T + 2);
    const there = new SenderActivity();
    there.record("wms", "accepted", T - 5);
    for (const p of outbox.drain()) for (const e of parseActivity(p)!.s) there.merge(...e);
    expect(there.summary(T + 10)).toEqual([
      expect.objectContaining({ source: "wms", eventsLastHour: 4, rejectedLastHour: 1, parkedLastHour: 1, lastEventAt: new Date(T + 1).toISOString(), lastRejectedAt: new Date(T + 2).toISOString() }),
    ]);
  });

  it("splits a busy second into payloads NOTIFY accepts", () => {
    const outbox = new ActivityOutbox();
    for (let i = 0; i < 5000; i++) outbox.addLag(T, i * 7);
    for (let i = 0; i < 300; i++) outbox.addSender(`source-${i}`, "accepted", T);
    const payloads = outbox.drain();
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    const lagEvents = payloads.flatMap((p) => parseActivity(p)!.l).reduce((n, e) => n + e[2], 0);
    expect(lagEvents).toBe(5000);
    expect(payloads.flatMap((p) => parseActivity(p)!.s)).toHaveLength(300);
  });

  it("ignores what is not well formed", () => {
    expect(parseActivity("x")).toBeNull();
    expect(parseActivity(JSON.stringify({ l: [[1, 2]], s: [["a", 1, 1, 1, 1, 1, -1]] }))).toEqual({ l: [], s: [] });
  });
});
