import { describe, expect, it } from "vitest";
import { escapeLabelValue, KeyedHistogram, SERIES_KEY_SEPARATOR } from "./keyed-histogram";

describe("KeyedHistogram", () => {
  it("writes cumulative buckets, +Inf = count, sum and count per label value", () => {
    const h = new KeyedHistogram("lag_seconds", "Lag.", "source", [1, 5]);
    for (const v of [0.5, 1, 3, 10]) h.observe("wms", v);
    h.observe("shop", 2);
    expect(h.exposition()).toBe(
      [
        "# HELP lag_seconds Lag.",
        "# TYPE lag_seconds histogram",
        'lag_seconds_bucket{source="wms",le="1"} 2',
        'lag_seconds_bucket{source="wms",le="5"} 3',
        'lag_seconds_bucket{source="wms",le="+Inf"} 4',
        'lag_seconds_sum{source="wms"} 14.5',
        'lag_seconds_count{source="wms"} 4',
        'lag_seconds_bucket{source="shop",le="1"} 0',
        'lag_seconds_bucket{source="shop",le="5"} 1',
        'lag_seconds_bucket{source="shop",le="+Inf"} 1',
        'lag_seconds_sum{source="shop"} 2',
        'lag_seconds_count{source="shop"} 1',
        "",
      ].join("\n"),
    );
  });

  it("a bound is inclusive (le = less than or equal), as Prometheus reads it", () => {
    const h = new KeyedHistogram("x", "x", "k", [60]);
    h.observe("a", 60);
    expect(h.exposition()).toContain('x_bucket{k="a",le="60"} 1');
  });

  it("declares the family with no series, and ignores values that are not finite", () => {
    const h = new KeyedHistogram("x", "line\nbreak \\ here", "k", [1]);
    h.observe("a", NaN);
    h.observe("a", Infinity);
    expect(h.exposition()).toBe("# HELP x line\\nbreak \\\\ here\n# TYPE x histogram\n");
  });

  it("escapes label values the text-format way", () => {
    expect(escapeLabelValue('a "b" \\ c\nd')).toBe('a \\"b\\" \\\\ c\\nd');
    const h = new KeyedHistogram("x", "x", "k", [1]);
    h.observe('say "hi"', 0);
    expect(h.exposition()).toContain('x_count{k="say \\"hi\\""} 1');
  });

  it("several labels: one series per combination of values, an empty value written as such", () => {
    const h = new KeyedHistogram("lag", "Lag.", ["source", "channel"], [1]);
    h.observe(`wms${SERIES_KEY_SEPARATOR}`, 0.5);
    h.observe(`shop${SERIES_KEY_SEPARATOR}amazon`, 2);
    h.observe(`shop${SERIES_KEY_SEPARATOR}amazon`, 0.2);
    const text = h.exposition();
    expect(text).toContain('lag_count{source="wms",channel=""} 1');
    expect(text).toContain('lag_bucket{source="shop",channel="amazon",le="1"} 1');
    expect(text).toContain('lag_count{source="shop",channel="amazon"} 2');
  });

  it("refuses bounds that do not ascend", () => {
    expect(() => new KeyedHistogram("x", "x", "k", [5, 1])).toThrow();
  });
});
