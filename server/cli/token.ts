import "../preload";
import type { Actor } from "@/lib/auth/actor";
import { createTokenSchema } from "@/lib/contracts/tokens";
import { issueToken, revokeToken } from "@/server/auth/manage-tokens";
import { AdminError } from "@/server/http/admin-error";
import { announceRevocation } from "@/server/realtime/credential-bus";
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
const list = (name: string) =>
  flag(name)
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean) ?? [];

// Whoever runs the CLI has the database: the audit log says it came from here, as the UI would say who.
const CLI_ACTOR: Actor = { kind: "system", id: null, label: "npm run token" };

const USAGE =
  "usage: npm run token -- create <name> [--scopes ingest,read,reserve,catalog,metrics,admin] [--sources a,b] [--types receipt,snapshot] [--locations wh-1] [--channels web] [--days N] | revoke <id> | list";

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
    const { id, token } = await issueToken(pool, t, CLI_ACTOR);
    console.log(`token ${id} (${arg}, scopes ${t.scopes.join(",")}) — shown once, store it now:\n${token}`);
  } else if (cmd === "revoke" && arg) {
    try {
      await revokeToken(pool, arg, CLI_ACTOR);
    } catch (err) {
      if (err instanceof AdminError && err.status === 404) return console.log(`no token ${arg}`);
      throw err;
    }
    // Running servers refuse it within a second (their cache); this ends its live sockets now too.
    await announceRevocation(pool, { kind: "token", id: arg });
    console.log(`revoked ${arg}`);
  } else if (cmd === "list") {
    const r = await pool.query("SELECT id, name, prefix, scopes, sources, event_types, locations, channels, expires_at, revoked_at, created_at FROM connector_token ORDER BY created_at");
    console.table(r.rows);
  } else {
    throw new Error(USAGE);
  }
});
