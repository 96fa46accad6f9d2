import "../preload";
import { createConnectorToken } from "@/server/auth/connector-tokens";
import { createTokenSchema } from "@/server/auth/manage-tokens";
import { runCli } from "./run-cli";

// npm run token -- create <name> [--scopes ingest,read] [--sources wms-eu-1] [--types receipt,snapshot]
//                  [--locations wh-1] [--channels web] [--days 90]
// npm run token -- revoke <id>
// npm run token -- list
const [cmd, arg, ...rest] = process.argv.slice(2);
const flag = (name: string) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1] : undefined;
};
const list = (name: string) => flag(name)?.split(",").map((s) => s.trim()).filter(Boolean) ?? [];

const USAGE =
  "usage: npm run token -- create <name> [--scopes ingest,read,reserve,catalog,admin] [--sources a,b] [--types receipt,snapshot] [--locations wh-1] [--channels web] [--days N] | revoke <id> | list";

void runCli(async ({ pool }) => {
  if (cmd === "create" && arg) {
    const days = flag("days");
    // The API's own schema: the same scopes, limits and refusals (onepool-* sources, reservation.* types).
    const parsed = createTokenSchema.safeParse({
      name: arg,
      scopes: list("scopes").length ? list("scopes") : ["ingest"],
      sources: list("sources"),
      eventTypes: list("types"),
      locations: list("locations"),
      channels: list("channels"),
      expiresInDays: days ? Number(days) : null,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${issue.path.join(".") || "token"}: ${issue.message}\n${USAGE}`);
    }
    const t = parsed.data;
    const { id, token } = await createConnectorToken(pool, { ...t, expiresAt: t.expiresInDays ? new Date(Date.now() + t.expiresInDays * 86_400_000) : null });
    console.log(`token ${id} (${arg}, scopes ${t.scopes.join(",")}) — shown once, store it now:\n${token}`);
  } else if (cmd === "revoke" && arg) {
    const r = await pool.query("UPDATE connector_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL", [arg]);
    console.log(r.rowCount ? `revoked ${arg}` : `no live token ${arg}`);
  } else if (cmd === "list") {
    const r = await pool.query(
      "SELECT id, name, prefix, scopes, sources, event_types, locations, channels, expires_at, revoked_at, created_at FROM connector_token ORDER BY created_at",
    );
    console.table(r.rows);
  } else {
    throw new Error(USAGE);
  }
});
