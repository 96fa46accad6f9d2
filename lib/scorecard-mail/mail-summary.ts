import type { FigureKey, Scorecard, ScorecardFigure } from "@/lib/contracts/scorecard";

// The weekly scorecard e-mail's body (docs/SCORECARD.md#figures): a short summary of the main figures with the
// change from the week before; the full scorecard travels as the attached CSV. Pure: the sender
// passes a Scorecard, tests pass a hand-made one. Every value that reaches the HTML is escaped.

type Unit = "count" | "rate" | "hours" | "ms" | "money";

interface Row {
  key: FigureKey;
  label: string;
  unit: Unit;
}

/** The totals (all channels) shown, in this order; the rest is in the CSV. */
export const SUMMARY_ROWS: readonly Row[] = [
  { key: "units_sold", label: "Units sold", unit: "count" },
  { key: "oversell_rate", label: "Oversell rate", unit: "rate" },
  { key: "promise_accuracy", label: "Promise accuracy", unit: "rate" },
  { key: "allocation_accuracy", label: "Allocation accuracy", unit: "rate" },
  { key: "stockout_hours", label: "Stockout hours (top 20 SKUs)", unit: "hours" },
  { key: "reconciliation_rate", label: "Reconciliation variance rate", unit: "rate" },
  { key: "reconciliation_accuracy", label: "Count accuracy", unit: "rate" },
  { key: "reconciliation_value", label: "Variance value", unit: "money" },
  { key: "ingest_lag_p95_ms", label: "Ingest lag p95", unit: "ms" },
  { key: "e2e_lag_p95_ms", label: "End-to-end lag p95", unit: "ms" },
];

/** Per channel: the two figures a marketplace judges a seller by. */
const CHANNEL_ROWS: readonly Row[] = [
  { key: "units_sold", label: "Units sold", unit: "count" },
  { key: "oversell_rate", label: "Oversell rate", unit: "rate" },
];

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const grouped = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A value in its unit's words; null (denominator 0) is "—". */
export function formatValue(v: number | null, unit: Unit): string {
  if (v === null || !Number.isFinite(v)) return "—";
  switch (unit) {
    case "count":
      return grouped(v);
    case "rate":
      return `${(v * 100).toFixed(1)} %`;
    case "hours":
      return `${v.toFixed(1)} h`;
    case "ms":
      return Math.abs(v) < 1000 ? `${Math.round(v)} ms` : `${grouped(v / 1000, 1)} s`;
    case "money":
      return grouped(v, 2);
  }
}

/** The change from the week before: signed, rates in percentage points; "—" when either week has no value. */
export function formatChange(v: number | null, previous: number | null, unit: Unit): string {
  if (v === null || previous === null || !Number.isFinite(v) || !Number.isFinite(previous)) return "—";
  const d = v - previous;
  const sign = d > 0 ? "+" : d < 0 ? "−" : "±";
  const abs = Math.abs(d);
  if (unit === "rate") return `${sign}${(abs * 100).toFixed(1)} pp`;
  return `${sign}${formatValue(abs, unit)}`;
}

/** The figure's value in the week before (the last point of its trend), or null. */
export function previousValue(f: ScorecardFigure): number | null {
  return f.trend.length ? f.trend[f.trend.length - 1].value : null;
}

function find(s: Scorecard, key: FigureKey, channel: string | null): ScorecardFigure | undefined {
  // The total of a figure split by SKU, reason or bucket is the entry without that split.
  return s.figures.find((f) => f.key === key && f.channel === channel && f.sku === undefined && f.reason === undefined && f.bucket === undefined);
}

interface Line {
  label: string;
  value: string;
  change: string;
}

function lines(s: Scorecard, rows: readonly Row[], channel: string | null): Line[] {
  const out: Line[] = [];
  for (const r of rows) {
    const f = find(s, r.key, channel);
    if (!f) continue;
    out.push({ label: r.label, value: formatValue(f.value, r.unit), change: formatChange(f.value, previousValue(f), r.unit) });
  }
  return out;
}

export interface MailSummary {
  subject: string;
  html: string;
  text: string;
}

export const mailSubject = (week: string) => `Onepool scorecard ${week}`;
export const csvFilename = (week: string) => `onepool-scorecard-${week}.csv`;

/** Subject, HTML and plain-text alternative of one week's e-mail. `link`: the scorecard page, when Onepool's public URL is known. */
export function buildMailSummary(s: Scorecard, opts: { link?: string } = {}): MailSummary {
  const totals = lines(s, SUMMARY_ROWS, null);
  const oversells = s.figures
    .filter((f) => f.key === "oversells" && f.channel === null && f.reason !== undefined)
    .map((f) => ({ label: `Oversells: ${f.reason!.replace(/_/g, " ")}`, value: formatValue(f.value, "count"), change: formatChange(f.value, previousValue(f), "count") }));
  const channels = [...new Set(s.figures.map((f) => f.channel).filter((c): c is string => c !== null))].sort();
  const perChannel = channels.map((c) => ({ channel: c, lines: lines(s, CHANNEL_ROWS, c) })).filter((c) => c.lines.length > 0);
  const period = `${s.from} – ${s.to} (${s.timezone})`;

  const td = 'style="padding:4px 12px 4px 0;border-bottom:1px solid #e2e8f0"';
  const tdNum = 'style="padding:4px 12px 4px 0;border-bottom:1px solid #e2e8f0;text-align:right;font-variant-numeric:tabular-nums"';
  const th = 'style="padding:4px 12px 4px 0;text-align:left;color:#64748b;font-weight:600"';
  const table = (rows: Line[]) =>
    `<table style="border-collapse:collapse;font-size:14px"><thead><tr><th ${th}>Figure</th><th ${th}>This week</th><th ${th}>Change</th></tr></thead><tbody>` +
    rows.map((l) => `<tr><td ${td}>${escapeHtml(l.label)}</td><td ${tdNum}>${escapeHtml(l.value)}</td><td ${tdNum}>${escapeHtml(l.change)}</td></tr>`).join("") +
    "</tbody></table>";

  const html = [
    `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#0f172a">`,
    `<h1 style="font-size:18px">Onepool scorecard ${escapeHtml(s.week)}</h1>`,
    `<p style="color:#475569;font-size:13px">${escapeHtml(period)}. Change is from the week before; the full scorecard is attached as CSV.</p>`,
    `<h2 style="font-size:15px">All channels</h2>`,
    totals.length + oversells.length ? table([...totals, ...oversells]) : `<p>No figures this week.</p>`,
    ...perChannel.map((c) => `<h2 style="font-size:15px">${escapeHtml(c.channel)}</h2>${table(c.lines)}`),
    opts.link ? `<p><a href="${escapeHtml(opts.link)}">Open the scorecard in Onepool</a></p>` : "",
    `<p style="color:#94a3b8;font-size:12px">You get this e-mail because you subscribed on your Onepool account page; unsubscribe there.</p>`,
    `</body></html>`,
  ].join("\n");

  const textTable = (rows: Line[]) => {
    const w = Math.max(...rows.map((l) => l.label.length));
    return rows.map((l) => `  ${l.label.padEnd(w)}  ${l.value}  (${l.change})`).join("\n");
  };
  const text = [
    `Onepool scorecard ${s.week}`,
    period,
    "Change is from the week before; the full scorecard is attached as CSV.",
    "",
    "All channels",
    totals.length + oversells.length ? textTable([...totals, ...oversells]) : "  No figures this week.",
    ...perChannel.flatMap((c) => ["", c.channel, textTable(c.lines)]),
    ...(opts.link ? ["", `Open the scorecard: ${opts.link}`] : []),
    "",
    "You get this e-mail because you subscribed on your Onepool account page; unsubscribe there.",
    "",
  ].join("\n");

  return { subject: mailSubject(s.week), html, text };
}
