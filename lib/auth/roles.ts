// Who may do what (docs/PRODUCT.md §1, docs/SECURITY.md). One table, read by every guard: API routes, pages, Socket.IO
// rooms and the UI (which only hides; the server decides). Pure: no Next, no database.

export const ROLES = ["analyst", "merchandiser", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  analyst: "Ops analyst",
  merchandiser: "Merchandiser",
  manager: "Manager",
  admin: "Admin",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Roles are ordered: each one can do everything the ones before it can. */
export function roleAtLeast(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

/** The least role that holds each permission. */
export const PERMISSIONS = {
  /** Dashboards, SKU pages, metrics, source health, unmapped and rejected lists. */
  "stock.read": "analyst",
  /** Alerts (docs/ALERTS.md): read them, live, and acknowledge them ("anyone who reads"). */
  "alerts.read": "analyst",
  /** Enter a cycle count from the dashboard. */
  "counts.write": "analyst",
  /** Map a channel listing to a master SKU (what a channel sells is a merchandising call). */
  "mappings.write": "merchandiser",
  "rules.write": "merchandiser",
  "pauses.write": "merchandiser",
  /** Mute an alert's (kind, subject) until a time. */
  "alerts.mute": "merchandiser",
  /** Approve a count (its lines become cycle_count events) and see system numbers of a blind count. */
  "counts.approve": "merchandiser",
  /**
   * The Reorder view and its CSV (issue 17): what to buy, for the merchandiser who places purchase
   * orders and the managers above. Not the analyst: buying is a merchandising call, and the numbers
   * behind it stay on the SKU pages (stock.read).
   */
  "reorder.read": "merchandiser",
  /** The weekly scorecard and the oversell root causes (docs/SCORECARD.md#figures, docs/OVERSELLS.md): pages, API, CSV, e-mail. */
  "scorecard.read": "manager",
  "audit.read": "manager",
  "users.manage": "admin",
  /** SKUs, locations, channels and listings (PUT /api/catalog). */
  "catalog.write": "admin",
  /** Connector sources, their secrets, and re-submitting rejected deliveries. */
  "connectors.manage": "admin",
  "tokens.manage": "admin",
  /** Alert thresholds and durations per kind. */
  "alerts.settings": "admin",
  /** Checkout holds (POST/GET/DELETE /api/reservations): a checkout's job, so admins only among people. */
  "reservations.write": "admin",
  /**
   * GET /metrics (Prometheus): operating figures of the whole install (sources, channels, pools), for
   * a monitoring system's `metrics` token; among people, admins only (they run the install).
   */
  "metrics.read": "admin",
} as const satisfies Record<string, Role>;
export type Permission = keyof typeof PERMISSIONS;

export function roleCan(role: Role, permission: Permission): boolean {
  return roleAtLeast(role, PERMISSIONS[permission]);
}

/**
 * What a connector (machine) token's scopes allow on the API. Machines never reach pages, and
 * never people or the audit log: those need a signed-in person.
 */
const SCOPE_PERMISSIONS: Record<string, readonly Permission[]> = {
  // BI tools pull the scorecard with a read token (docs/API.md); a buying tool the reorder CSV.
  read: ["stock.read", "scorecard.read", "alerts.read", "reorder.read"],
  // Posting events (POST /api/events) is checked by the ingest path itself, with the token's
  // source, type and location limits. No API permission: a WMS's token must not rewrite locations,
  // channels or listing mappings (review #4); loading the catalogue is the `catalog` scope.
  ingest: [],
  reserve: ["reservations.write"],
  catalog: ["catalog.write"],
  // A scraper's credential: /metrics only. Not part of admin, so scraping never needs an admin token.
  metrics: ["metrics.read"],
  admin: ["stock.read", "alerts.read", "reorder.read", "alerts.mute", "alerts.settings", "catalog.write", "mappings.write", "rules.write", "pauses.write", "connectors.manage", "tokens.manage"],
};

export function scopesCan(scopes: readonly string[], permission: Permission): boolean {
  return scopes.some((s) => SCOPE_PERMISSIONS[s]?.includes(permission));
}

/** The scopes that would allow `permission`, for a 403's message. */
export function scopesFor(permission: Permission): string[] {
  return Object.keys(SCOPE_PERMISSIONS).filter((s) => SCOPE_PERMISSIONS[s].includes(permission));
}

/** Live rooms (docs/LIVE.md) and the permission each needs; null for a room that does not exist (refused). */
export function roomPermission(room: string): Permission | null {
  if (room === "overview" || room === "counts" || /^(sku|location|channel):.+$/.test(room)) return "stock.read";
  if (room === "alerts") return "alerts.read";
  return null;
}
