import "../../server/preload";
import { startSimulator } from "@/demo/simulate-traffic";

// npm run simulate -- [--url http://localhost:3000] [--token op_…] [--rate 5] [--duration 60] [--canonical]
// Posts live traffic to a running Onepool through its HTTP API (ONEPOOL_URL / ONEPOOL_TOKEN also work).
// The demo's connector sources (registered by `npm run seed` / `npm run demo`) send signed provider
// webhooks (Shopify, Amazon and MercadoLibre relays, the WMS); --canonical posts everything to
// /api/events instead. Runs until Ctrl-C unless --duration is given.
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
};

function main(): void {
  const url = flag("url") ?? process.env.ONEPOOL_URL ?? "http://localhost:3000";
  const token = flag("token") ?? process.env.ONEPOOL_TOKEN ?? process.env.ONEPOOL_BOOTSTRAP_TOKEN;
  if (!token) {
    console.error("A connector token with the ingest scope is needed: --token <token> or ONEPOOL_TOKEN (create one with `npm run token -- create simulator --scopes ingest,read`).");
    process.exit(2);
  }
  const rate = Number(flag("rate") ?? 5);
  const duration = flag("duration");
  if (!(rate > 0) || (duration !== undefined && !(Number(duration) > 0))) {
    console.error("--rate and --duration take positive numbers");
    process.exit(2);
  }
  const sim = startSimulator({ url, token, rate, durationSeconds: duration ? Number(duration) : null, webhooks: !args.includes("--canonical") });
  process.once("SIGINT", () => {
    console.log("\nStopping the simulator…");
    void sim.stop();
  });
  process.once("SIGTERM", () => void sim.stop());
  void sim.done.then(() => process.exit(0));
}

main();
