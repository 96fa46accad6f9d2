import { PERMISSIONS, roleCan, type Permission, type Role } from "@/lib/auth/roles";

/** Each permission in plain words, for the account page. A Record, so a new permission needs wording. */
export const PERMISSION_LABELS: Record<Permission, string> = {
  "stock.read": "See live stock, SKU pages, sources, unmapped listings and rejections",
  "counts.write": "Enter cycle counts",
  "mappings.write": "Map channel listings to SKUs",
  "rules.write": "Change allocation rules",
  "pauses.write": "Pause and resume selling on a channel",
  "scorecard.read": "See the channel scorecard",
  "audit.read": "Read the audit log",
  "users.manage": "Add people, change their roles and deactivate them",
  "catalog.write": "Change the catalogue: SKUs, locations, channels and listings",
  "connectors.manage": "Manage connector sources and their secrets, and re-submit rejections",
  "tokens.manage": "Issue, rotate and revoke connector tokens",
  "reservations.write": "Place and release checkout holds through the API",
};

/** What a role may do, in the order of lib/auth/roles.ts (least role first). */
export function permissionsOf(role: Role): { permission: Permission; label: string }[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => roleCan(role, p)).map((permission) => ({ permission, label: PERMISSION_LABELS[permission] }));
}
