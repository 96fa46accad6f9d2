import { describe, expect, it } from "vitest";
import { scorecard, type Scorecard, type ScorecardFigure } from "@/lib/contracts/scorecard";
import { trend } from "@/tests/support/scorecard-w48";
import { buildMailSummary, csvFilename, escapeHtml, formatChange, formatValue, mailSubject } from "./mail-summary";

/** A figure whose trend is 1 for ten weeks, then `prev` the week before. */
const fig = (f: Omit<ScorecardFigure, "trend"> & { prev?: number | null }): ScorecardFigure => {
  const { prev = null, ...rest } = f;
  return { ...rest, trend: trend([...Array(10).fill(1), prev]) };
};

const card: Scorecard = scorecard.parse({
  week: "2026-W48",
  from: "2026-11-23T05:00:00.000Z",
  to: "2026-11-30T05:00:00.000Z",
  timezone: "America/New_York",
  figures: [
    fig({ key: "units_sold", channel: null, value: 1234, prev: 1000 }),
    fig({ key: "units_sold", channel: "web<script>", value: 34, prev: 40 }),
    fig({ key: "units_sold", channel: "amazon", value: 1200, prev: 960 }),
    fig({ key: "oversell_rate", channel: null, value: 0.025, prev: 0.01 }),
    fig({ key: "oversell_rate", channel: "amazon", value: 0.03, prev: 0.03 }),
    fig({ key: "promise_accuracy", channel: null, value: null, prev: 0.9 }),
    fig({ key: "stockout_hours", channel: null, value: 12.5, prev: 20 }),
    fig({ key: "stockout_hours", channel: null, sku: "SKU-1", value: 12.5, prev: 20 }),
    fig({ key: "ingest_lag_p95_ms", channel: null, value: 1530, prev: 800 }),
    fig({ key: "oversells", channel: null, reason: "stale_channel", value: 3, prev: 1 }),
    fig({ key: "cancellation_rate", channel: null, reason: "oversold", value: 0.025, prev: 0.01 }),
  ],
});

describe("formatting", () => {
  it("formats each unit and the change (rates in percentage points, null as a dash)", () => {
    expect(formatValue(1234, "count")).toBe("1,234");
    expect(formatValue(0.025, "rate")).toBe("2.5 %");
    expect(formatValue(12.5, "hours")).toBe("12.5 h");
    expect(formatValue(850, "ms")).toBe("850 ms");
    expect(formatValue(1530, "ms")).toBe("1.5 s");
    expect(formatValue(null, "rate")).toBe("—");
    expect(formatChange(0.025, 0.01, "rate")).toBe("+1.5 pp");
    expect(formatChange(34, 40, "count")).toBe("−6");
    expect(formatChange(3, 3, "count")).toBe("±0");
    expect(formatChange(null, 0.9, "rate")).toBe("—");
    expect(formatChange(0.5, null, "rate")).toBe("—");
  });

  it("escapes the characters HTML gives meaning to", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});

describe("buildMailSummary", () => {
  const m = buildMailSummary(card, { link: "https://onepool.example.com/scorecard?week=2026-W48&x=<y>" });

  it("names the week in the subject and the attachment", () => {
    expect(m.subject).toBe("Onepool scorecard 2026-W48");
    expect(mailSubject("2026-W48")).toBe(m.subject);
    expect(csvFilename("2026-W48")).toBe("onepool-scorecard-2026-W48.csv");
  });

  it("shows the totals with their change from the week before, in HTML and text", () => {
    for (const body of [m.html, m.text]) {
      expect(body).toContain("1,234");
      expect(body).toContain("+234");
      expect(body).toContain("2.5 %");
      expect(body).toContain("+1.5 pp");
      expect(body).toContain("12.5 h");
      expect(body).toContain("−7.5 h");
      expect(body).toContain("1.5 s");
      expect(body).toContain("stale channel");
      expect(body).toContain("America/New_York");
    }
    // Promise accuracy had no delivered line with a promise: a dash, not 0 %.
    expect(m.text).toMatch(/Promise accuracy\s+—\s+\(—\)/);
  });

  it("takes the total of a split figure, never one of its parts", () => {
    // stockout_hours of SKU-1 has the same value; the row must come from the entry without `sku`.
    expect(m.text.match(/Stockout hours/g)).toHaveLength(1);
    // cancellation_rate is only in the CSV, not a row of its own.
    expect(m.text).not.toContain("Cancellation");
  });

  it("lists each channel with its units and oversell rate, names escaped", () => {
    expect(m.html).toContain("web&lt;script&gt;");
    expect(m.html).not.toContain("<script>");
    expect(m.text).toContain("web<script>");
    const amazon = m.text.slice(m.text.indexOf("\namazon\n"));
    expect(amazon).toMatch(/Units sold\s+1,200\s+\(\+240\)/);
    expect(amazon).toMatch(/Oversell rate\s+3\.0 %\s+\(±0\.0 pp\)/);
  });

  it("escapes the link too", () => {
    expect(m.html).toContain('href="https://onepool.example.com/scorecard?week=2026-W48&amp;x=&lt;y&gt;"');
    expect(m.text).toContain("https://onepool.example.com/scorecard?week=2026-W48&x=<y>");
  });

  it("says so when a week has no figures", () => {
    const empty = buildMailSummary({ ...card, figures: [] });
    expect(empty.html).toContain("No figures this week.");
    expect(empty.text).toContain("No figures this week.");
  });
});
