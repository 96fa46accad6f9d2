import { describe, expect, it } from "vitest";
import { CoalescedRunner } from "./coalesced-runner";

/** A pass the test ends when it wants. */
function gatedPass() {
  const gates: (() => void)[] = [];
  let starts = 0;
  const pass = () => {
    starts++;
    return new Promise<void>((r) => gates.push(r));
  };
  return { pass, gates, starts: () => starts };
}
const tick = () => new Promise((r) => setImmediate(r));

describe("CoalescedRunner", () => {
  it("runs one pass at a time, and kicks during a pass give exactly one more pass", async () => {
    const p = gatedPass();
    let busy = 0;
    const runner = new CoalescedRunner(p.pass, () => busy++);
    runner.kick();
    runner.kick();
    runner.kick();
    expect(p.starts()).toBe(1);
    expect(busy).toBe(2);
    p.gates.shift()!();
    await tick();
    expect(p.starts()).toBe(2);
    p.gates.shift()!();
    await tick();
    expect(p.starts()).toBe(2);
  });

  it("starts nothing after stop, and stop waits for the running pass", async () => {
    const p = gatedPass();
    const runner = new CoalescedRunner(p.pass);
    runner.kick();
    runner.kick();
    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    expect(runner.closed).toBe(true);
    await tick();
    expect(stopped).toBe(false);
    p.gates.shift()!();
    await stopping;
    await tick();
    // The kick that came during the pass does not run once stopped.
    expect(p.starts()).toBe(1);
    runner.kick();
    expect(p.starts()).toBe(1);
  });
});
