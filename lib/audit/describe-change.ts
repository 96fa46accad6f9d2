// An audit entry in words: labelled fields with before → after, details as labelled notes, secrets
// as "added 1 secret (…34e2), revoked 1", and the target named by what it is ("Pause on rappi").
// Pure; the page passes the rule form's field labels so both say "Buffer %".
import { ROLE_LABELS, isRole } from "@/lib/auth/roles";
import { ALERT_KIND_LABELS, isAlertKind } from "@/lib/alerts/kinds";

export interface ChangeLine {
  /** The field's path in the entry (`role`, `listings.web/123`): stable, for tests and keys. */
  key: string;
  label: string;
  kind: "changed" | "added" | "removed";
  before?: string;
  after?: string;
}

export interface ChangeNote {
  key: string;
  label: string;
  value: string;
}

export interface EntryLike {
  action: string;
  target: string;
  details: unknown;
  before: unknown;
  after: unknown;
}

const FIELD_LABELS: Record<string, string> = {
  role: "Role",
  name: "Name",
  email: "Email",
  active: "Status",
  reason: "Reason",
  until: "Until",
  sku: "SKU",
  skus: "SKUs",
  skuCodes: "SKU codes",
  tag: "Tag",
  channel: "Channel",
  channels: "Channels",
  scope: "Scope",
  version: "Version",
  locations: "Locations",
  listings: "Listings",
  provider: "Provider",
  url: "URL",
  locationId: "Location id",
  latencyMinutes: "Latency (min)",
  applicationId: "Application id",
  userId: "User id",
  rateLimitPerMinute: "Rate limit per minute",
  notificationKey: "Notification key",
  notificationKeyChanged: "Notification key",
  scopes: "Scopes",
  sources: "Allowed sources",
  eventTypes: "Allowed event types",
  expiresAt: "Expires",
  sessionsEnded: "Sessions ended",
  replayed: "Events replayed",
  outcome: "Outcome",
  overlapSeconds: "Overlap",
  previous: "Previous secrets",
  next: "New token",
  dropped: "Pushes dropped",
  due: "Pushes made due",
  secretChanged: "Signing secret",
  fields: "Fields sent",
  secrets: "Secrets",
  secret: "Secret",
  added: "Secret added",
  hint: "Secret",
  bufferUnits: "Buffer units",
  bufferPercent: "Buffer %",
  dynamicK: "Dynamic k",
  reserveUnits: "Reserve units",
  reservePercent: "Reserve %",
  floor: "Floor",
  minQty: "Min shown",
  maxQty: "Max shown",
};

/** "rateLimitPerMinute" → "Rate limit per minute", for a field nobody named. */
const humanize = (key: string) => {
  const words = key
    .replace(/[_-]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .trim();
  return words ? `${words.charAt(0).toUpperCase()}${words.slice(1)}` : key;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const present = (v: unknown) => v !== undefined && v !== null;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const dateFmt = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** 86400 → "24 h"; 0 → "none". */
export function formatSeconds(s: number): string {
  if (s === 0) return "none";
  if (s % 86_400 === 0 && s >= 2 * 86_400) return `${s / 86_400} d`;
  if (s % 3600 === 0) return `${s / 3600} h`;
  if (s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}

/** An id in a few characters ("34e2b1c0…"): enough to tell two apart. */
const shortId = (id: string) => (UUID.test(id) ? `${id.slice(0, 8)}…` : id);

/** One value in words, by what the field holds. */
export function formatValue(key: string, v: unknown, max = 80): string {
  const field = key.split(".").pop() ?? key;
  if (!present(v)) return field === "expiresAt" || field === "until" ? "never" : "not set";
  if (field === "role" && isRole(v)) return ROLE_LABELS[v];
  if (field === "active" && typeof v === "boolean") return v ? "active" : "deactivated";
  if (field === "overlapSeconds" && typeof v === "number") return v === 0 ? "none (revoked at once)" : formatSeconds(v);
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "number") return v.toLocaleString("en-US");
  if (typeof v === "string") {
    const s = ISO.test(v) ? `${dateFmt.format(new Date(v))} UTC` : UUID.test(v) ? shortId(v) : v;
    return s.length > max ? `${s.slice(0, max - 1)}…` : s;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return field === "sources" ? "any" : "none";
    const s = v.map((x) => formatValue(field, x, max)).join(", ");
    return s.length > max ? `${s.slice(0, max - 1)}…` : s;
  }
  if (isObject(v)) {
    const s = Object.entries(v)
      .filter(([, x]) => present(x))
      .map(([k, x]) => `${k} → ${formatValue(k, x, 40)}`)
      .join(", ");
    return s.length > max ? `${s.slice(0, max - 1)}…` : s || "none";
  }
  return String(v);
}

function labelOf(path: string, labels: Record<string, string>): string {
  const [head, ...rest] = path.split(".");
  const l = labels[head] ?? FIELD_LABELS[head] ?? humanize(head);
  return rest.length ? `${l} › ${rest.join(".")}` : l;
}

/** The changed keys, one level into nested objects (a catalogue change names the listing that moved). */
function diff(before: unknown, after: unknown, path = "", depth = 0): { key: string; kind: ChangeLine["kind"]; before?: unknown; after?: unknown; oneSided?: boolean }[] {
  if (isObject(before) && isObject(after) && depth < 2) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diff(before[k], after[k], path ? `${path}.${k}` : k, depth + 1));
  }
  // Only one side (a creation, a deletion): list its fields as they are.
  if (depth === 0 && isObject(after) && !present(before))
    return Object.entries(after)
      .filter(([, v]) => present(v))
      .map(([k, v]) => ({ key: k, kind: "added", after: v, oneSided: true }));
  if (depth === 0 && isObject(before) && !present(after))
    return Object.entries(before)
      .filter(([, v]) => present(v))
      .map(([k, v]) => ({ key: k, kind: "removed", before: v, oneSided: true }));
  if (same(before, after)) return [];
  const kind = !present(before) ? "added" : !present(after) ? "removed" : "changed";
  return [{ key: path || "value", kind, before, after }];
}

/** `{added: [...], revoked: [...]}` of a source edit, old entries (ids) and new ones ({id, hint}) alike. */
function secretsText(v: unknown): string | null {
  if (!isObject(v)) return null;
  const name = (x: unknown) => (isObject(x) && typeof x.hint === "string" ? x.hint : typeof x === "string" ? shortId(x) : "?");
  const part = (list: unknown, verb: string) => {
    if (!Array.isArray(list) || list.length === 0) return null;
    return `${verb} ${plural(list.length, "secret")} (${list.map(name).join(", ")})`;
  };
  const parts = [part(v.added, "added"), part(v.revoked, "revoked")].filter(Boolean);
  return parts.length ? parts.join(", ") : "unchanged";
}

/** Details as labelled notes; a few shapes get a sentence of their own. */
function notesOf(e: EntryLike, labels: Record<string, string>): ChangeNote[] {
  const d = e.details;
  if (!isObject(d)) return present(d) ? [{ key: "details", label: "Details", value: formatValue("details", d, 160) }] : [];
  const notes: ChangeNote[] = [];
  const note = (key: string, value: string, label = labelOf(key, labels)) => notes.push({ key, label, value });
  for (const [k, v] of Object.entries(d)) {
    if (!present(v) || (Array.isArray(v) && v.length === 0 && k !== "sources") || (isObject(v) && Object.keys(v).length === 0)) continue;
    if (k === "secrets") {
      const t = secretsText(v);
      if (t && t !== "unchanged") note(k, t);
    } else if (k === "fields" && Array.isArray(v)) {
      note(k, v.map((f) => labelOf(String(f), labels).toLowerCase()).join(", "));
    } else if (k === "notificationKeyChanged") {
      if (v === true) note(k, "changed");
    } else if (k === "secretChanged") {
      if (v === true) note(k, "set");
    } else if (e.action === "source.secret_rotated" && k === "added") {
      note(k, typeof d.hint === "string" ? d.hint : formatValue(k, v));
    } else if (e.action === "source.secret_rotated" && k === "previous" && Array.isArray(v)) {
      const overlap = typeof d.overlapSeconds === "number" ? d.overlapSeconds : null;
      note(k, `${plural(v.length, "secret")} ${overlap === 0 ? "revoked at once" : overlap ? `valid ${formatSeconds(overlap)} more` : "kept"}`);
    } else if (e.action === "source.secret_rotated" && (k === "hint" || k === "overlapSeconds")) {
    } else if (e.action === "source.secret_revoked" && k === "secret") {
      note(k, typeof d.hint === "string" ? d.hint : formatValue(k, v));
    } else if (e.action === "source.secret_revoked" && k === "hint") {
    } else {
      note(k, formatValue(k, v, 60));
    }
  }
  return notes;
}

/** The entry's change in words: lines for what changed (before → after), notes for the rest. */
export function describeChange(e: EntryLike, labels: Record<string, string> = {}): { lines: ChangeLine[]; notes: ChangeNote[] } {
  const lines = diff(e.before, e.after).map((l) => ({
    key: l.key,
    label: labelOf(l.key, labels),
    kind: l.kind,
    // A creation or deletion lists one side; a change shows both, "not set" where a side is empty.
    ...(l.oneSided && l.kind === "added" ? {} : { before: formatValue(l.key, l.before) }),
    ...(l.oneSided && l.kind === "removed" ? {} : { after: formatValue(l.key, l.after) }),
  }));
  return { lines, notes: notesOf(e, labels) };
}

/** What the target is, in words, from its key and the entry's details: "Pause on rappi (every SKU)". */
export function describeTarget(e: Pick<EntryLike, "target" | "details" | "after" | "before">): string {
  const [kind, ...rest] = e.target.split(":");
  const id = rest.join(":");
  const d = isObject(e.details) ? e.details : {};
  const str = (v: unknown) => (typeof v === "string" && v ? v : null);
  const email = str(d.email) ?? (isObject(e.after) ? str(e.after.email) : null) ?? (isObject(e.before) ? str(e.before.email) : null);
  switch (kind) {
    case "pause": {
      const channel = str(d.channel);
      const sku = str(d.sku);
      if (!channel && !sku) return `Pause #${id}`;
      return `Pause on ${channel ?? "every channel"}${sku ? ` · SKU ${sku}` : " (every SKU)"}`;
    }
    case "rule": {
      const channel = str(d.channel);
      if (!channel) return `Rule #${id}`;
      const scope = str(d.sku) ? `SKU ${d.sku}` : str(d.tag) ? `tag ${d.tag}` : "channel default";
      return `Rule on ${channel} · ${scope}`;
    }
    case "person":
      return email ? `Person ${email}` : `Person ${shortId(id)}`;
    case "token":
      return str(d.name) ? `Token ${d.name}` : `Token ${shortId(id)}`;
    case "source":
      return `Source ${id}`;
    case "listing":
      return `Listing ${id}`;
    case "channel":
      return `Channel ${id}`;
    case "rejected_event":
      return `Rejection #${id}`;
    case "catalog":
      return "Catalogue";
    case "alert":
    case "alert_mute": {
      const what = isAlertKind(d.kind) ? ALERT_KIND_LABELS[d.kind] : (str(d.kind) ?? "Alert");
      const subject = [
        str(d.sku) && `SKU ${d.sku}`,
        str(d.location) && `at ${d.location}`,
        str(d.channel) && `on ${d.channel}`,
        str(d.source) && `source ${d.source}`,
        str(d.listing) && `listing ${d.listing}`,
      ]
        .filter(Boolean)
        .join(" ");
      return `${kind === "alert" ? `Alert #${id.split(":")[0]} · ` : "Mute · "}${what}${subject ? ` · ${subject}` : ""}`;
    }
    case "alert_settings":
      return `Alert settings · ${isAlertKind(id) ? ALERT_KIND_LABELS[id] : id}`;
    case "alert_destination":
      return `Alert destination ${id}`;
    default:
      return e.target;
  }
}
