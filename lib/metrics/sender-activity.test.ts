import { describe, expect, it } from "vitest";
import { SenderActivity } from "./sender-activity";

const T = Date.UTC(2026, 10, 23, 12, 0, 0);
const at = (ms: number) => new Date(ms).toISOString();

describe("SenderActivity", () => {
  it("averages events taken over 15 minutes and rates rejections over the hour", () => {
    const a = new SenderActivity();
    for (let i = 0; i < 30; i++) a.record("3pl", "accepted", T - i * 20_000); // 30 events in the last 10 minutes
    a.record("3pl", "rejected", T - 5_000);
    a.record("3pl", "accepted", T - 40 * 60_000); // inside the hour, outside 15 minutes
    const [s] = a.summary(T);
    expect(s).toEqual({ source: "3pl", eventsPerMinute: 2, errorRate: 1 / 32, eventsLastHour: 32, rejectedLastHour: 1, parkedLastHour: 0, lastEventAt: at(T), lastRejectedAt: at(T - 5_000) });
  });

  it("counts events parked for an unmapped listing, and repeats, as taken: a sender posting them is alive, not 100 % failing", () => {
    // What the usability test saw: 3 manual events parked (later mapped and replayed), 1 rejected.
    // Before, only accepted and rejected events counted: "no events 1 h · 100 % err".
    const a = new SenderActivity();
    for (let i = 0; i < 3; i++) a.record("manual", "unmapped", T - 10 * 60_000 + i * 1000);
    a.record("manual", "duplicate", T - 8 * 60_000);
    a.record("manual", "rejected", T - 9 * 60_000);
    const [s] = a.summary(T);
    expect(s).toMatchObject({ source: "manual", lastEventAt: at(T - 8 * 60_000), eventsLastHour: 5, rejectedLastHour: 1, parkedLastHour: 3, errorRate: 1 / 5 });
  });

  it("a sender whose every event was rejected has no last event and a 100 % error rate", () => {
    const a = new SenderActivity();
    a.record("bad", "rejected", T - 1000);
    expect(a.summary(T)[0]).toMatchObject({ lastEventAt: null, lastRejectedAt: at(T - 1000), errorRate: 1, eventsLastHour: 1 });
  });

  it("forgets what is older than an hour, but keeps the last event time", () => {
    const a = new SenderActivity();
    a.record("pos", "accepted", T - 2 * 3_600_000);
    expect(a.summary(T)).toEqual([
      { source: "pos", eventsPerMinute: 0, errorRate: 0, eventsLastHour: 0, rejectedLastHour: 0, parkedLastHour: 0, lastEventAt: at(T - 2 * 3_600_000), lastRejectedAt: null },
    ]);
  });

  it("caps how many senders it tracks", () => {
    const a = new SenderActivity();
    for (let i = 0; i < 1005; i++) a.record(`s${i}`, "accepted", T);
    expect(a.summary(T)).toHaveLength(1000);
  });
});
