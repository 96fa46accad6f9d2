import { describe, expect, it } from "vitest";
import { KeyedQueue } from "./keyed-queue";

const tick = () => new Promise((r) => setTimeout(r, 1));

describe("KeyedQueue", () => {
  it("runs one task at a time per key, in order, and other keys alongside", async () => {
    const q = new KeyedQueue(1);
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const task = (name: string) => async () => {
      running++;
      most = Math.max(most, running);
      log.push(`${name}+`);
      await tick();
      log.push(`${name}-`);
      running--;
      return name;
    };
    const [a1, a2, b1] = await Promise.all([q.run("a", task("a1")), q.run("a", task("a2")), q.run("b", task("b1"))]);
    expect([a1, a2, b1]).toEqual(["a1", "a2", "b1"]);
    expect(log.indexOf("a1-")).toBeLessThan(log.indexOf("a2+"));
    expect(most).toBe(2); // a and b overlapped, never a with a
    expect(q.size).toBe(0);
  });

  it("never runs more than perKey tasks of one key at once, and starts waiting ones in arrival order", async () => {
    const q = new KeyedQueue(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        q.run("sku", async () => {
          started.push(i);
          most = Math.max(most, ++running);
          await tick();
          running--;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(q.size).toBe(0);
  });

  it("a failing task does not stop the next one of its key", async () => {
    const q = new KeyedQueue(1);
    const failed = q.run(1, async () => {
      throw new Error("boom");
    });
    const next = q.run(1, async () => "ok");
    await expect(failed).rejects.toThrow("boom");
    await expect(next).resolves.toBe("ok");
  });
});
