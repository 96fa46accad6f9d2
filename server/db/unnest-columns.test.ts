import { describe, expect, it } from "vitest";
import { unnestColumns } from "./unnest-columns";

describe("unnestColumns", () => {
  it("turns rows into one array per parameter, in the rows' order, nulls kept", () => {
    const rows = [
      { id: 1, name: "a", at: null },
      { id: 2, name: "b", at: 5 },
    ];
    expect(unnestColumns(rows, (r) => [r.id, r.name, r.at])).toEqual([
      [1, 2],
      ["a", "b"],
      [null, 5],
    ]);
  });
});
