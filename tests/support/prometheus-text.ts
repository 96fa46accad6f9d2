// A strict reader of the Prometheus text exposition format (version 0.0.4), for tests of GET /metrics.
// Written here because the npm parser on offer (parse-prometheus-text-format 1.1.1, unmaintained)
// drops the labels, _sum and _count of every labelled histogram, which is all of ours. It refuses
// what Prometheus' own text parser refuses: a malformed name, label or value, an unknown escape, a
// duplicated label or series, a TYPE after its samples or twice, a family split in two, a sample
// that does not belong to its family's type, and histograms whose buckets do not add up.

export type MetricType = "counter" | "gauge" | "histogram" | "summary" | "untyped";

export interface Sample {
  /** The sample's own name: `x_bucket`, `x_sum`, `x_count` for a histogram `x`. */
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: MetricType;
  help: string | null;
  samples: Sample[];
}

export class ExpositionError extends Error {}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set<MetricType>(["counter", "gauge", "histogram", "summary", "untyped"]);

function parseValue(text: string, line: number): number {
  // As Go's strconv.ParseFloat reads them (Prometheus does): any case, "Inf" or "Infinity".
  if (/^\+?inf(inity)?$/i.test(text)) return Infinity;
  if (/^-inf(inity)?$/i.test(text)) return -Infinity;
  if (/^nan$/i.test(text)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) throw new ExpositionError(`line ${line}: "${text}" is not a number`);
  return Number(text);
}

/** `name{a="b",c="d"} 1 [ts]` → name, labels, value. */
function parseSample(text: string, line: number): Sample {
  const fail = (why: string): never => {
    throw new ExpositionError(`line ${line}: ${why}: ${text}`);
  };
  let i = 0;
  while (i < text.length && /[a-zA-Z0-9_:]/.test(text[i])) i++;
  const name = text.slice(0, i);
  if (!METRIC_NAME.test(name)) fail("bad metric name");
  const labels: Record<string, string> = {};
  if (text[i] === "{") {
    i++;
    for (;;) {
      while (text[i] === " " || text[i] === "\t") i++;
      if (text[i] === "}") {
        i++;
        break;
      }
      const start = i;
      while (i < text.length && /[a-zA-Z0-9_]/.test(text[i])) i++;
      const label = text.slice(start, i);
      if (!LABEL_NAME.test(label)) fail("bad label name");
      if (label in labels) fail(`label ${label} twice`);
      while (text[i] === " " || text[i] === "\t") i++;
      if (text[i++] !== "=") fail("expected =");
      while (text[i] === " " || text[i] === "\t") i++;
      if (text[i++] !== '"') fail("expected a quoted label value");
      let value = "";
      for (;;) {
        if (i >= text.length) fail("unterminated label value");
        const ch = text[i++];
        if (ch === '"') break;
        if (ch === "\\") {
          const esc = text[i++];
          if (esc === "\\") value += "\\";
          else if (esc === '"') value += '"';
          else if (esc === "n") value += "\n";
          else fail(`unknown escape \\${esc}`);
        } else value += ch;
      }
      labels[label] = value;
      while (text[i] === " " || text[i] === "\t") i++;
      if (text[i] === ",") i++;
      else if (text[i] !== "}") fail("expected , or }");
    }
  }
  const rest = text.slice(i);
  if (!/^[ \t]/.test(rest)) fail("expected a space before the value");
  const parts = rest.trim().split(/[ \t]+/);
  if (parts.length > 2) fail("too many fields");
  if (parts.length === 2 && !/^-?\d+$/.test(parts[1])) fail("bad timestamp");
  return { name, labels, value: parseValue(parts[0], line) };
}

/** The family a sample name belongs to, given the families declared so far. */
function familyOf(sample: string, types: ReadonlyMap<string, MetricType>): string {
  for (const suffix of ["_bucket", "_sum", "_count"]) {
    if (!sample.endsWith(suffix)) continue;
    const base = sample.slice(0, -suffix.length);
    const t = types.get(base);
    if (t === "histogram" || (t === "summary" && suffix !== "_bucket")) return base;
  }
  return sample;
}

const seriesKey = (name: string, labels: Record<string, string>) => `${name}${JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)))}`;

export function parseExposition(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const types = new Map<string, MetricType>();
  const series = new Set<string>();
  const closed = new Set<string>();
  let current: string | null = null;
  const lines = text.split("\n");
  if (lines[lines.length - 1] !== "") throw new ExpositionError("the exposition must end with a line feed");
  const family = (name: string): Family => {
    let f = families.get(name);
    if (!f) families.set(name, (f = { name, type: types.get(name) ?? "untyped", help: null, samples: [] }));
    return f;
  };
  const enter = (name: string, line: number) => {
    if (current === name) return;
    if (closed.has(name)) throw new ExpositionError(`line ${line}: family ${name} continues after another family began`);
    if (current !== null) closed.add(current);
    current = name;
  };
  lines.forEach((raw, idx) => {
    const line = idx + 1;
    if (raw.trim() === "") return;
    if (raw.startsWith("#")) {
      const m = /^#[ \t]+(HELP|TYPE)[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(raw);
      if (!m) return; // a plain comment
      const [, kind, name, rest = ""] = m;
      if (!METRIC_NAME.test(name)) throw new ExpositionError(`line ${line}: bad metric name in ${kind}: ${name}`);
      enter(name, line);
      const f = family(name);
      if (kind === "TYPE") {
        if (types.has(name)) throw new ExpositionError(`line ${line}: second TYPE for ${name}`);
        if (f.samples.length) throw new ExpositionError(`line ${line}: TYPE for ${name} after its samples`);
        if (!TYPES.has(rest.trim() as MetricType)) throw new ExpositionError(`line ${line}: unknown type ${rest}`);
        types.set(name, rest.trim() as MetricType);
        f.type = rest.trim() as MetricType;
      } else {
        if (f.help !== null) throw new ExpositionError(`line ${line}: second HELP for ${name}`);
        f.help = rest.replace(/\\(\\|n)/g, (_, c: string) => (c === "n" ? "\n" : "\\"));
      }
      return;
    }
    const sample = parseSample(raw, line);
    const name = familyOf(sample.name, types);
    enter(name, line);
    const f = family(name);
    if (f.type === "histogram" && sample.name === `${name}_bucket` && !("le" in sample.labels)) throw new ExpositionError(`line ${line}: a bucket without le`);
    if (f.type === "summary" && sample.name === name && !("quantile" in sample.labels)) throw new ExpositionError(`line ${line}: a quantile without its label`);
    if (f.type === "histogram" && sample.name === name) throw new ExpositionError(`line ${line}: a bare sample in histogram ${name}`);
    const key = seriesKey(sample.name, sample.labels);
    if (series.has(key)) throw new ExpositionError(`line ${line}: series ${sample.name} ${JSON.stringify(sample.labels)} twice`);
    series.add(key);
    f.samples.push(sample);
  });
  for (const f of families.values()) if (f.type === "histogram") checkHistogram(f);
  return families;
}

/** Per series: buckets cumulative in `le` order, a +Inf bucket equal to _count, and a _sum. */
function checkHistogram(f: Family): void {
  const groups = new Map<string, { buckets: [number, number][]; count?: number; sum?: number }>();
  for (const s of f.samples) {
    const { le, ...rest } = s.labels;
    const key = seriesKey("", rest);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { buckets: [] }));
    if (s.name === `${f.name}_bucket`) g.buckets.push([parseValue(le, 0), s.value]);
    else if (s.name === `${f.name}_count`) g.count = s.value;
    else g.sum = s.value;
  }
  for (const [key, g] of groups) {
    const sorted = [...g.buckets].sort((a, b) => a[0] - b[0]);
    if (sorted.at(-1)?.[0] !== Infinity) throw new ExpositionError(`${f.name}${key}: no +Inf bucket`);
    for (let i = 1; i < sorted.length; i++) if (sorted[i][1] < sorted[i - 1][1]) throw new ExpositionError(`${f.name}${key}: buckets are not cumulative`);
    if (g.count !== sorted.at(-1)![1]) throw new ExpositionError(`${f.name}${key}: +Inf bucket ${sorted.at(-1)![1]} ≠ count ${g.count}`);
    if (g.sum === undefined) throw new ExpositionError(`${f.name}${key}: no _sum`);
  }
}

const hasLabels = (s: Sample, labels: Record<string, string>) => Object.entries(labels).every(([k, v]) => s.labels[k] === v);

/** A counter's or gauge's value with these labels; 0 when that series does not exist (yet). */
export function sampleValue(families: ReadonlyMap<string, Family>, name: string, labels: Record<string, string> = {}): number {
  const f = families.get(name);
  if (!f) throw new Error(`${name} is not exposed`);
  return f.samples.find((s) => s.name === name && hasLabels(s, labels))?.value ?? 0;
}

/** A histogram series: count, sum and cumulative buckets by upper bound ("0.5", "+Inf"); zeros when absent. */
export function histogramOf(families: ReadonlyMap<string, Family>, name: string, labels: Record<string, string> = {}): { count: number; sum: number; buckets: Map<string, number> } {
  const f = families.get(name);
  if (f?.type !== "histogram") throw new Error(`${name} is not an exposed histogram`);
  const mine = f.samples.filter((s) => hasLabels(s, labels) && Object.keys(s.labels).filter((k) => k !== "le").length === Object.keys(labels).length);
  const buckets = new Map(mine.filter((s) => s.name === `${name}_bucket`).map((s) => [s.labels.le, s.value]));
  return { count: mine.find((s) => s.name === `${name}_count`)?.value ?? 0, sum: mine.find((s) => s.name === `${name}_sum`)?.value ?? 0, buckets };
}
