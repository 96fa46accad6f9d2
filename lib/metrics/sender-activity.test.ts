import { describe, expect, it } from "vitest";
import { SenderActivity } from "./sender-activity";

const T = Date.UTC(2026, 10, 23, 12, 0, 0);

describe("SenderActivity", () => {
  it("averages accepted events over 15 minutes and rates rejections over the hour", () => {
    const a = new SenderActivity();
    for (let i = 0; i < 30; i++) a.record("3pl", true, T - i * 20_000); // 30 events in the last 10 minutes
    a.record("3pl", false, T - 5_000);
    a.record("3pl", true, T - 40 * 60_000); // inside the hour, outside 15 minutes
    const [s] = a.summary(T);
    expect(s).toEqual({ source: "3pl", eventsPerMinute: 2, errorRate: 1 / 32, eventsLastHour: 32, lastEventAt: new Date(T).toISOString() });
  });

  it("forgets what is older than an hour, but keeps the last event time", () => {
    const a = new SenderActivity();
    a.record("pos", true, T - 2 * 3_600_000);
    expect(a.summary(T)).toEqual([{ source: "pos", eventsPerMinute: 0, errorRate: 0, eventsLastHour: 0, lastEventAt: new Date(T - 2 * 3_600_000).toISOString() }]);
  });

  it("caps how many senders it tracks", () => {
    const a = new SenderActivity();
    for (let i = 0; i < 1005; i++) a.record(`s${i}`, true, T);
    expect(a.summary(T)).toHaveLength(1000);
  });
});
