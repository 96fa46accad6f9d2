import { describe, expect, it } from "vitest";
import { forEachSkuBatch, SLICE_MS } from "./for-each-sku-batch";

describe("forEachSkuBatch", () => {
  it("hands every SKU its rows in order, [] for one with none, reading a batch per query", async () => {
    const asked: number[][] = [];
    const got: [number, string[]][] = [];
    const rows = [
      { sku_id: 3, v: "c1" },
      { sku_id: 1, v: "a1" },
      { sku_id: 1, v: "a2" },
    ];
    await forEachSkuBatch(
      [1, 2, 3],
      2,
      async (batch) => (asked.push([...batch]), { rows: rows.filter((r) => batch.includes(r.sku_id)) }),
      (r) => r.v,
      (id, items) => got.push([id, items]),
    );
    expect(asked).toEqual([[1, 2], [3]]);
    expect(got).toEqual([
      [1, ["a1", "a2"]],
      [2, []],
      [3, ["c1"]],
    ]);
  });

  it("throws a failed read of the next batch in its turn", async () => {
    const read = async (batch: readonly number[]) => {
      if (batch[0] === 3) throw new Error("read failed");
      return { rows: [] as { sku_id: number }[] };
    };
    const seen: number[] = [];
    await expect(
      forEachSkuBatch(
        [1, 2, 3],
        2,
        read,
        (r) => r,
        (id) => seen.push(id),
      ),
    ).rejects.toThrow("read failed");
    expect(seen).toEqual([1, 2]);
  });

  it("lets the event loop run between SKUs once a slice of work has passed, not only between batches", async () => {
    const order: string[] = [];
    const busy = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    // Due as soon as the loop turns: without the slices it runs only after all four SKUs, one batch.
    setTimeout(() => order.push("timer"), 0);
    await forEachSkuBatch(
      [1, 2, 3, 4],
      4,
      async () => ({ rows: [] as { sku_id: number }[] }),
      (r) => r,
      (id) => {
        busy(SLICE_MS + 1);
        order.push(`sku ${id}`);
      },
    );
    expect(order.indexOf("timer")).toBeGreaterThan(0);
    expect(order.indexOf("timer")).toBeLessThan(order.length - 1);
  });
});
