import { describe, expect, it } from "vitest";
import { forEachSkuBatch } from "./for-each-sku-batch";

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
});
