import { describe, expect, it } from "vitest";
import { FIRST_EVENT_GRACE_MS, isProblem, judgeHealth, judgeSender } from "./source-health";
import { HOUR_MS as HOUR, MINUTE_MS as MIN } from "@/lib/time/durations";

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const quietWebhook = { errorRate: 0, signatureFailures24h: 0, lastEventAt: null, rateLimitedSinceStart: 0 };

describe("judgeHealth (webhook sources)", () => {
  it("a source registered seconds ago, with no event yet, is waiting: neutral, not quiet, not a problem", () => {
    const v = judgeHealth(quietWebhook, ago(15_000), NOW);
    expect(v).toMatchObject({ level: "waiting", label: "Waiting for first event" });
    expect(isProblem(v.level)).toBe(false);
  });

  it("still waiting just under 24 h after registration; quiet once 24 h pass with nothing", () => {
    expect(judgeHealth(quietWebhook, ago(FIRST_EVENT_GRACE_MS - MIN), NOW).level).toBe("waiting");
    const v = judgeHealth(quietWebhook, ago(FIRST_EVENT_GRACE_MS + MIN), NOW);
    expect(v).toMatchObject({ level: "quiet", label: "Quiet", reasons: ["no event in the last 24 h"] });
    expect(isProblem(v.level)).toBe(true);
  });

  it("a waiting source that is refused or throttled is a problem all the same", () => {
    expect(judgeHealth({ ...quietWebhook, signatureFailures24h: 2 }, ago(MIN), NOW)).toMatchObject({ level: "failing", label: "Signature failures" });
    expect(judgeHealth({ ...quietWebhook, errorRate: 1 }, ago(MIN), NOW)).toMatchObject({ level: "failing", label: "Errors" });
    expect(judgeHealth({ ...quietWebhook, rateLimitedSinceStart: 3 }, ago(MIN), NOW)).toMatchObject({ level: "quiet", label: "Throttled" });
  });

  it("after its first event the usual rules apply: OK while events arrive, quiet after 15 min", () => {
    expect(judgeHealth({ ...quietWebhook, lastEventAt: ago(MIN) }, ago(MIN * 2), NOW)).toMatchObject({ level: "ok", label: "OK" });
    expect(judgeHealth({ ...quietWebhook, lastEventAt: ago(16 * MIN) }, ago(HOUR), NOW)).toMatchObject({ level: "quiet", label: "Quiet", reasons: ["no event for 16 min"] });
    expect(judgeHealth({ ...quietWebhook, lastEventAt: ago(MIN), rateLimitedSinceStart: 1 }, ago(HOUR), NOW)).toMatchObject({ level: "quiet", label: "Throttled" });
    expect(judgeHealth({ ...quietWebhook, lastEventAt: ago(MIN), errorRate: 0.06 }, ago(HOUR), NOW)).toMatchObject({ level: "failing", label: "Errors" });
    expect(judgeHealth({ ...quietWebhook, lastEventAt: ago(MIN), errorRate: 0.05 }, ago(HOUR), NOW).level).toBe("ok");
  });
});

describe("judgeSender (canonical senders)", () => {
  const sender = { errorRate: 0, eventsLastHour: 10, rejectedLastHour: 0, lastEventAt: ago(MIN) };
  it("is OK while events are taken, quiet after 15 min without one", () => {
    expect(judgeSender(sender, NOW).level).toBe("ok");
    expect(judgeSender({ ...sender, lastEventAt: ago(20 * MIN) }, NOW)).toMatchObject({ level: "quiet", reasons: ["no event for 20 min"] });
  });
  it("fails on more than 5 % rejected, saying how many of how many", () => {
    expect(judgeSender({ ...sender, errorRate: 1 / 3, eventsLastHour: 3, rejectedLastHour: 1 }, NOW)).toMatchObject({ level: "failing", reasons: ["1 event of 3 rejected in the last hour (33 %)"] });
  });
});
