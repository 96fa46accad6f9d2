// Audit actions in words. An action is `<subject>.<verb>`; one not listed here is shown as recorded.

const ACTION_LABELS: Record<string, string> = {
  "person.created": "Person added",
  "person.renamed": "Renamed",
  "person.role_changed": "Role changed",
  "person.deactivated": "Deactivated",
  "person.reactivated": "Reactivated",
  "person.password_reset": "Password reset",
  "person.password_changed": "Password changed",
  "listing.mapped": "Listing mapped",
  "catalog.updated": "Catalogue updated",
  "source.created": "Source added",
  "source.updated": "Source updated",
  "source.secret_rotated": "Signing secret rotated",
  "source.secret_revoked": "Signing secret revoked",
  "token.created": "Token issued",
  "token.revoked": "Token revoked",
  "token.rotated": "Token rotated",
  "rejection.resubmitted": "Rejection re-submitted",
};

const SUBJECT_LABELS: Record<string, string> = {
  person: "People",
  listing: "Listings",
  catalog: "Catalogue",
  source: "Sources",
  token: "Tokens",
  rejection: "Rejections",
  rule: "Allocation rules",
  pause: "Pauses",
};

export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action;
export const subjectOf = (action: string) => action.split(".")[0];
export const subjectLabel = (subject: string) => SUBJECT_LABELS[subject] ?? `${subject.charAt(0).toUpperCase()}${subject.slice(1)}`;

/** Actions by subject, for the filter's option groups (subjects and actions in their listed order, then the rest). */
export function groupActions(actions: string[]): { subject: string; actions: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const a of actions) {
    const s = subjectOf(a);
    groups.set(s, [...(groups.get(s) ?? []), a]);
  }
  const order = Object.keys(SUBJECT_LABELS);
  const rank = (s: string) => (order.includes(s) ? order.indexOf(s) : order.length);
  return [...groups]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([subject, list]) => ({ subject, actions: list.sort((a, b) => actionLabel(a).localeCompare(actionLabel(b))) }));
}

export const ACTOR_KINDS = {
  user: { label: "person", cls: "bg-emerald-50 text-emerald-800 ring-emerald-600/20", hint: "A signed-in person" },
  token: { label: "token", cls: "bg-sky-50 text-sky-800 ring-sky-600/20", hint: "A connector token" },
  system: { label: "system", cls: "bg-slate-100 text-slate-600 ring-slate-400/25", hint: "Onepool itself (setup, start-up configuration, jobs)" },
} as const;
