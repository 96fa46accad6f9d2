import "../preload";
import { createConnectorToken, TOKEN_SCOPES, type TokenScope } from "@/server/auth/connector-tokens";
import { runCli } from "./run-cli";

// npm run token -- create <name> [--scopes ingest,read] [--sources wms-eu-1,shopify-main] [--days 90]
// npm run token -- revoke <id>
// npm run token -- list
const [cmd, arg, ...rest] = process.argv.slice(2);
const flag = (name: string) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1] : undefined;
};

void runCli(async ({ pool }) => {
  if (cmd === "create" && arg) {
    const scopes = (flag("scopes") ?? "ingest").split(",").map((s) => s.trim()) as TokenScope[];
    const bad = scopes.find((s) => !TOKEN_SCOPES.includes(s));
    if (bad) throw new Error(`unknown scope "${bad}" (use ${TOKEN_SCOPES.join(", ")})`);
    const days = flag("days");
    const { id, token } = await createConnectorToken(pool, {
      name: arg,
      scopes,
      sources: flag("sources")?.split(",").map((s) => s.trim()).filter(Boolean),
      expiresAt: days ? new Date(Date.now() + Number(days) * 86_400_000) : null,
    });
    console.log(`token ${id} (${arg}, scopes ${scopes.join(",")}) — shown once, store it now:\n${token}`);
  } else if (cmd === "revoke" && arg) {
    const r = await pool.query("UPDATE connector_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL", [arg]);
    console.log(r.rowCount ? `revoked ${arg}` : `no live token ${arg}`);
  } else if (cmd === "list") {
    const r = await pool.query("SELECT id, name, prefix, scopes, sources, expires_at, revoked_at, created_at FROM connector_token ORDER BY created_at");
    console.table(r.rows);
  } else {
    throw new Error("usage: npm run token -- create <name> [--scopes ingest,read,reserve,admin] [--sources a,b] [--days N] | revoke <id> | list");
  }
});
