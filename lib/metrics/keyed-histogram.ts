// A Prometheus histogram with one label (or a few), for observations made once per event on the ingest hot
// path. prom-client's Histogram.observe with a label costs about 0.7–1 µs (it hashes the label set
// on every call); this costs a map lookup and a bucket scan, about 10 ns. Same text format, same
// cumulative buckets, so it adds up across instances like any other histogram. Pure.

interface Series {
  /** Per bound, observations ≤ it and > the bound before (not cumulative: summed when written). */
  counts: Float64Array;
  sum: number;
  count: number;
}

/** A label value as the text format writes it: backslash, double quote and line feed escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** A HELP text: backslash and line feed escaped. */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

function formatNumber(v: number): string {
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  return Number.isNaN(v) ? "NaN" : String(v);
}

/** Joins the label values of a series into one key (Postgres text holds no NUL, so no stored source or channel has one). */
export const SERIES_KEY_SEPARATOR = "\u0000";

export class KeyedHistogram {
  private readonly series = new Map<string, Series>();
  private readonly labels: readonly string[];

  /**
   * `bounds`: the buckets' upper bounds, ascending (+Inf is implied). `label`: one label name, or
   * several, whose values `observe` takes joined by SERIES_KEY_SEPARATOR (one string: no array per event).
   */
  constructor(
    readonly name: string,
    readonly help: string,
    label: string | readonly string[],
    readonly bounds: readonly number[],
  ) {
    this.labels = typeof label === "string" ? [label] : label;
    for (let i = 1; i < bounds.length; i++) if (!(bounds[i] > bounds[i - 1])) throw new Error(`${name}: bounds must ascend`);
  }

  observe(key: string, value: number): void {
    if (!Number.isFinite(value)) return;
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { counts: new Float64Array(this.bounds.length), sum: 0, count: 0 }));
    let i = 0;
    while (i < this.bounds.length && value > this.bounds[i]) i++;
    if (i < this.bounds.length) s.counts[i]++;
    s.sum += value;
    s.count++;
  }

  /** The family in the text format (version 0.0.4), ending with a line feed; HELP and TYPE even with no series yet. */
  exposition(): string {
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} histogram`];
    for (const [key, s] of this.series) {
      const values = this.labels.length === 1 ? [key] : key.split(SERIES_KEY_SEPARATOR);
      const label = this.labels.map((l, i) => `${l}="${escapeLabelValue(values[i] ?? "")}"`).join(",");
      let acc = 0;
      this.bounds.forEach((bound, i) => {
        acc += s.counts[i];
        lines.push(`${this.name}_bucket{${label},le="${formatNumber(bound)}"} ${acc}`);
      });
      lines.push(`${this.name}_bucket{${label},le="+Inf"} ${s.count}`);
      lines.push(`${this.name}_sum{${label}} ${formatNumber(s.sum)}`);
      lines.push(`${this.name}_count{${label}} ${s.count}`);
    }
    return `${lines.join("\n")}\n`;
  }
}
