// Every permission in words, in the three forms the pages need. A Record over Permission, so a new
// permission cannot reach the account page, the role picker or the demotion warning without wording,
// and a permission that is not in lib/auth/roles.ts cannot be promised. Pure.
import { PERMISSIONS, ROLE_LABELS, ROLES, roleCan, type Permission, type Role } from "./roles";

interface PermissionText {
  /** The account page's list: "See live stock, …". */
  can: string;
  /** The role picker's "Also …" line, third person: "reads the audit log". */
  does: string;
  /** What a demotion takes away: "read the audit log". */
  lose: string;
}

export const PERMISSION_TEXT: Record<Permission, PermissionText> = {
  "stock.read": {
    can: "See live stock, SKU pages, sources, unmapped listings and rejections",
    does: "reads live stock, SKU pages, sources and the unmapped and rejected lists",
    lose: "read live stock",
  },
  "alerts.read": { can: "See alerts and acknowledge them", does: "sees and acknowledges alerts", lose: "see alerts" },
  "alerts.mute": { can: "Mute an alert until a time", does: "mutes alerts", lose: "mute alerts" },
  "alerts.settings": { can: "Change alert thresholds and durations", does: "sets alert thresholds", lose: "set alert thresholds" },
  "counts.write": { can: "Enter cycle counts", does: "enters cycle counts", lose: "enter cycle counts" },
  "counts.approve": { can: "Review and approve counts, seeing the system numbers", does: "approves counts", lose: "approve counts" },
  "reorder.read": { can: "See what to reorder and export it as CSV for the buyer", does: "reads the Reorder view", lose: "see what to reorder" },
  "mappings.write": { can: "Map channel listings to SKUs", does: "maps listings to SKUs", lose: "map listings" },
  "rules.write": { can: "Change allocation rules", does: "sets allocation rules", lose: "set allocation rules" },
  "pauses.write": { can: "Pause and resume selling on a channel", does: "pauses and resumes channels", lose: "pause channels" },
  "scorecard.read": { can: "Read the weekly scorecard and the oversell root causes, and subscribe to its e-mail", does: "reads the weekly scorecard", lose: "read the weekly scorecard" },
  "audit.read": { can: "Read the audit log", does: "reads the audit log", lose: "read the audit log" },
  "users.manage": { can: "Add people, change their roles and deactivate them", does: "manages people", lose: "manage people (this page)" },
  "catalog.write": { can: "Change the catalogue: SKUs, locations, channels and listings", does: "changes the catalogue", lose: "change the catalogue" },
  "connectors.manage": { can: "Manage connector sources and their secrets, and re-submit rejections", does: "manages connectors", lose: "manage connectors" },
  "tokens.manage": { can: "Issue, rotate and revoke connector tokens", does: "manages tokens", lose: "manage tokens" },
  "reservations.write": { can: "Place and release checkout holds through the API", does: "places checkout holds through the API", lose: "place checkout holds" },
  "metrics.read": { can: "Read the Prometheus metrics (GET /metrics)", does: "reads the Prometheus metrics", lose: "read the Prometheus metrics" },
};

const ALL = Object.keys(PERMISSIONS) as Permission[];

/** What a role may do, in the order of lib/auth/roles.ts (least role first). */
export function permissionsOf(role: Role): { permission: Permission; label: string }[] {
  return ALL.filter((p) => roleCan(role, p)).map((permission) => ({ permission, label: PERMISSION_TEXT[permission].can }));
}

/** "a, b and c" */
const listOf = (xs: string[]) => (xs.length < 2 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);

/** What a role adds to the one before it, derived from the permissions: "Also reads the audit log." */
export function roleHelp(role: Role): string {
  const added = ALL.filter((p) => PERMISSIONS[p] === role).map((p) => PERMISSION_TEXT[p].does);
  const text = listOf(added);
  return role === ROLES[0] ? `${text.charAt(0).toUpperCase()}${text.slice(1)}.` : `Also ${text}.`;
}

export const ROLE_HELP = Object.fromEntries(ROLES.map((r) => [r, roleHelp(r)])) as Record<Role, string>;

/** What moving from `from` to `to` takes away, in words (empty for a promotion). */
export function permissionsLost(from: Role, to: Role): string[] {
  return ALL.filter((p) => roleCan(from, p) && !roleCan(to, p)).map((p) => PERMISSION_TEXT[p].lose);
}

/** "an ops analyst", "a merchandiser": the role's label, lower case, with its article. */
export function aRole(role: Role): string {
  const label = ROLE_LABELS[role].toLowerCase();
  return `${/^[aeiou]/.test(label) ? "an" : "a"} ${label}`;
}
