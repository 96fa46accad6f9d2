// Command line of `npm run bench -- [options]`. Durations are short by default so one run stays
// around five minutes on a 2-core machine (the rule phases d, e take ~40 s of it, the viewer
// phases v, w about 1.5 minutes, the reservation and outbound phases f1, f2, g about two minutes);
// raise them for steadier figures.

export const PHASES = ["h", "b", "a1", "a2", "c", "v", "w", "d", "e", "s", "f1", "f2", "g", "r", "k", "l"] as const;
export type Phase = (typeof PHASES)[number];
export const INGEST_PHASES: readonly Phase[] = ["h", "b", "a1", "a2", "c"];
export const RULE_PHASES: readonly Phase[] = ["d", "e"];
/** Phases on the 100,000-SKU catalogue the rule phases grow with SQL (bench/rules.ts prepareRuleWorkload). */
export const BIG_CATALOGUE_PHASES: readonly Phase[] = ["d", "e", "s"];
/** (f1)/(f2) reservations, (g) outbound pushes: they share a catalogue of their own (bench/checkout-setup.ts). */
export const CHECKOUT_PHASES: readonly Phase[] = ["f1", "f2", "g"];
/** (v) many dashboard sockets on one instance, (w) viewers on two instances: bench/viewers.ts. */
export const VIEWER_PHASES: readonly Phase[] = ["v", "w"];
/** Names for groups of phases in --only. */
const GROUPS: Record<string, readonly Phase[]> = {
  ingest: INGEST_PHASES,
  rules: RULE_PHASES,
  f: ["f1", "f2"],
  reservations: ["f1", "f2"],
  outbound: ["g"],
  checkout: CHECKOUT_PHASES,
  reconciliation: ["r"],
  counts: ["k"],
  alerts: ["l"],
  stock: ["s"],
  viewers: VIEWER_PHASES,
};

export interface BenchArgs {
  seconds: number;
  lagSeconds: number;
  warmup: number;
  concurrency: number;
  batchConcurrency: number;
  batchSize: number;
  rawConnections: number;
  rawBatch: number;
  rate: number;
  sockets: number;
  skus: number;
  ruleSkus: number;
  previewSkus: number;
  ruleRepeats: number;
  previewRepeats: number;
  resConcurrency: number;
  resSeconds: number;
  resSkus: number;
  resCeilingConnections: number;
  pushSkus: number;
  pushRate: number;
  pushSeconds: number;
  recRows: number;
  recRepeats: number;
  stockRepeats: number;
  only: Phase[];
  url?: string;
  token?: string;
  /** The bench's own server as `npm start` runs it: this many worker processes (server/cluster), 1 = in the bench's process. */
  workers: number;
  databaseUrl?: string;
  embedded: boolean;
  json?: string;
}

export const USAGE = `npm run bench -- [options]

  --seconds N            measured seconds of each throughput phase (h, a1, a2, b) [15]
  --lag-seconds N        measured seconds of the paced lag phase (c)             [25]
  --warmup N             unmeasured seconds before each phase                     [3]
  --concurrency N        in-flight single-event requests in (a1)                  [128]
  --batch-concurrency N  in-flight batch requests in (a2)                         [16]
  --batch-size N         events per request in (a2)                               [100]
  --raw-connections N    concurrent connections of the raw writer (b)             [4]
  --raw-batch N          rows per transaction of the raw writer (b)               [1000]
  --rate N               events/s offered in (c), (v) and (w)                     [1000]
  --sockets N            dashboard sockets in (v) (on one instance) and (w)
                         (half on each of two instances)                          [1000]
  --skus N               catalogue size (× 3 locations)                           [1000]
  --rule-skus N          catalogue size of the rule phases (d, e), grown with SQL [100000]
  --preview-skus N       SKUs the previewed rule's tag reaches in (e)             [10000]
  --rule-repeats N       rule changes timed in (d)                                [3]
  --preview-repeats N    previews timed in (e)                                    [5]
  --res-concurrency N    in-flight POST /api/reservations in (f1) and (f2)        [32]
  --res-seconds N        measured seconds of (f1), (f2) and of each ceiling       [10]
  --res-skus N           SKUs the holds of (f2) are spread over                   [2000]
  --res-ceiling-connections N  connections of the raw reservation ceiling (the
                         server's pool size: it never has more transactions open) [10]
  --push-skus N          SKUs listed on the push channel in (g)                   [1000]
  --push-rate N          events/s offered in (g)                                  [1000]
  --push-seconds N       measured seconds of (g)                                  [20]
  --rec-rows N           (SKU, location) rows of (r), 10 counted lines each       [100000]
  --rec-repeats N        timed reads of (r)                                       [7]
  --stock-repeats N      timed calls of each first page in (s)                    [7]
  --only h,b,a1,a2,c,v,w,d,e,s,f1,f2,g,r,k,l  run only these phases (h = plain-HTTP calibration;
                         v = --sockets dashboard sockets on one instance at --rate, next to 1 socket
                         in the same run; w = the same sockets split over two instances on one
                         database, events posted to the first; d = rule
                         change at scale, e = rule preview at scale; s = the stock page's first page
                         per sort and for a search over the same 100,000 SKUs; f1 = reservations on one SKU,
                         f2 = reservations over many SKUs, g = end-to-end lag of outbound pushes,
                         r = reconciliation matrix over a year of ~1,000,000 counted lines,
                         k = a 1,000-line count opened, entered, submitted and approved over HTTP,
                         on its own server and database: bench/counts.ts; l = CPU per event of
                         paced ingest (--rate, --lag-seconds, --skus) with the alert engine off and
                         on, alternating, on fresh databases: bench/alerts-cpu.ts);
                         "ingest" = h,b,a1,a2,c, "rules" = d,e, "stock" = s, "f" or "reservations" = f1,f2,
                         "outbound" = g, "checkout" = f1,f2,g, "reconciliation" = r, "counts" = k, "alerts" = l,
                         "viewers" = v,w (w needs the bench's own server: not with --url)
  --workers N            run the bench's own server as \`npm start\` does with ONEPOOL_WORKERS=N
                         (a primary and N worker processes, \`server/main.ts --no-next\`) instead of
                         in the bench's process; the server CPU is then the sum of those processes.
                         Default 1 (in process: (v)'s broadcast timing and (w) need it)
  --embedded             use an embedded Postgres even if DATABASE_URL is set
  --json FILE            also write the results as JSON
  --url URL --token T    measure a server that is already running (it must serve /api/events and
                         Socket.IO; the token needs the ingest scope, and catalog when the
                         catalogue goes through PUT /api/catalog). (b), (d) and (e) then
                         need --database-url of that server's database: the raw writer adds rows
                         with source "bench-*", (d)/(e) 100,000 BENCH-* SKUs with stock and rules,
                         so use a throwaway install. (f)/(g) add BENCH-RES-*/BENCH-PUSH-* SKUs and
                         the channels bench-checkout/bench-push, and need a token with the reserve
                         and admin scopes too; (g) registers an outbound connector on bench-push
                         (a Next route: npm start) pointing at a receiver on 127.0.0.1, so the
                         server must run on this machine; (f)'s ceilings need --database-url.

Database (own server mode): BENCH_DATABASE_URL or DATABASE_URL → a fresh database
onepool_bench_<pid> on that Postgres (dropped after); otherwise an embedded Postgres in .data/bench.`;

/** The numeric options (`--lag-seconds` sets lagSeconds): whole numbers (floored) except these, at least 1 except these. */
const FRACTIONAL: ReadonlySet<NumberArg> = new Set(["seconds", "lagSeconds", "warmup", "rate", "resSeconds", "pushRate", "pushSeconds"]);
const LEAST: Partial<Record<NumberArg, number>> = { warmup: 0, recRows: 3 };
type NumberArg = { [K in keyof BenchArgs]-?: BenchArgs[K] extends number ? K : never }[keyof BenchArgs];

export function parseArgs(argv: string[]): BenchArgs {
  const a: BenchArgs = {
    seconds: 15,
    lagSeconds: 25,
    warmup: 3,
    concurrency: 128,
    batchConcurrency: 16,
    batchSize: 100,
    rawConnections: 4,
    rawBatch: 1000,
    rate: 1000,
    sockets: 1000,
    skus: 1000,
    ruleSkus: 100_000,
    previewSkus: 10_000,
    ruleRepeats: 3,
    previewRepeats: 5,
    resConcurrency: 32,
    resSeconds: 10,
    resSkus: 2000,
    resCeilingConnections: 10,
    pushSkus: 1000,
    pushRate: 1000,
    pushSeconds: 20,
    recRows: 100_000,
    recRepeats: 7,
    stockRepeats: 7,
    only: [...PHASES],
    embedded: false,
    workers: 1,
  };
  const num = (flag: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new Error(`${flag} needs a number ≥ ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const v = argv[i + 1];
    const take = () => {
      i++;
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const key = flag.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase()) as NumberArg;
    if (flag.startsWith("--") && Object.hasOwn(a, key) && typeof a[key] === "number") {
      const n = num(flag, take(), LEAST[key] ?? 1);
      a[key] = FRACTIONAL.has(key) ? n : Math.floor(n);
      continue;
    }
    switch (flag) {
      case "--only": {
        const list = take()
          .split(",")
          .map((s) => s.trim())
          .flatMap((p) => GROUPS[p] ?? [p]);
        const bad = list.find((p) => !(PHASES as readonly string[]).includes(p));
        if (bad) throw new Error(`--only: unknown phase "${bad}" (use ${PHASES.join(", ")}, ${Object.keys(GROUPS).join(" or ")})`);
        a.only = [...new Set(list)] as Phase[];
        break;
      }
      case "--url":
        a.url = take();
        break;
      case "--token":
        a.token = take();
        break;
      case "--database-url":
        a.databaseUrl = take();
        break;
      case "--embedded":
        a.embedded = true;
        break;
      case "--workers":
        a.workers = Math.floor(num(flag, take(), 1));
        break;
      case "--json":
        a.json = take();
        break;
      case "--help":
      case "-h":
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${flag}\n\n${USAGE}`);
    }
  }
  if (a.url && !a.token) throw new Error("--url needs --token (a connector token with the ingest scope)");
  if (a.url && a.workers > 1) throw new Error("--workers starts the bench's own server: not with --url");
  if (a.batchSize > 1000) throw new Error("--batch-size: POST /api/events takes at most 1,000 events");
  if (a.skus > 10_000) throw new Error("--skus: the catalogue endpoint takes at most 10,000 SKUs");
  if (a.previewSkus > a.ruleSkus) throw new Error("--preview-skus cannot exceed --rule-skus");
  if (a.resSkus + a.pushSkus + 1 > 10_000) throw new Error("--res-skus + --push-skus: the catalogue endpoint takes at most 10,000 SKUs");
  return a;
}
