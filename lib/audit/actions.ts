// Every audit action in words: one typed table read by the server (recordAudit only takes these
// actions) and by the audit page (labels and the filter). An action is `<subject>.<verb>`. Pure.

export const AUDIT_ACTIONS = {
  "person.created": "Person added",
  "person.renamed": "Person renamed",
  "person.role_changed": "Role changed",
  "person.deactivated": "Person deactivated",
  "person.reactivated": "Person reactivated",
  "person.password_reset": "Password reset",
  "person.password_changed": "Password changed",
  "person.sign_in_unlocked": "Sign-in unlocked",
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
  "rule.created": "Rule added",
  "rule.updated": "Rule changed",
  "rule.deleted": "Rule deleted",
  "pause.created": "Selling paused",
  "pause.ended": "Pause ended",
  "outbound.create": "Channel push set up",
  "outbound.update": "Channel push changed",
  "outbound.delete": "Channel push removed",
  "outbound.retry_now": "Channel pushes retried now",
  "count.opened": "Count opened",
  "count.submitted": "Count submitted for review",
  "count.approved": "Count approved",
  "count.cancelled": "Count cancelled",
  "scorecard_mail.subscribed": "Subscribed to the weekly scorecard e-mail",
  "scorecard_mail.unsubscribed": "Unsubscribed from the weekly scorecard e-mail",
  "alert.acknowledged": "Alert acknowledged",
  "alert.muted": "Alert muted",
  "alert.unmuted": "Alert unmuted",
  "alert_settings.updated": "Alert settings changed",
  "alert_destination.create": "Alert destination added",
  "alert_destination.update": "Alert destination changed",
  "alert_destination.delete": "Alert destination removed",
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** Subjects in the order the filter lists them. */
export const AUDIT_SUBJECTS: Record<string, string> = {
  person: "People",
  rule: "Allocation rules",
  pause: "Pauses",
  listing: "Listings",
  catalog: "Catalogue",
  source: "Sources",
  token: "Tokens",
  outbound: "Channel pushes",
  rejection: "Rejections",
  count: "Counts",
  scorecard_mail: "Scorecard e-mail",
  alert: "Alerts",
  alert_settings: "Alert settings",
  alert_destination: "Alert destinations",
};

export const isAuditAction = (a: string): a is AuditAction => Object.hasOwn(AUDIT_ACTIONS, a);
export const subjectOf = (action: string) => action.split(".")[0];

/** Words for an action; an unknown one (recorded by a newer build) reads "Subject: verb", never a bare code. */
export function actionLabel(action: string): string {
  if (isAuditAction(action)) return AUDIT_ACTIONS[action];
  const [subject, verb = ""] = action.split(".");
  return `${subjectLabel(subject)}: ${verb.replace(/_/g, " ")}`.trim();
}

export const subjectLabel = (subject: string) => AUDIT_SUBJECTS[subject] ?? `${subject.charAt(0).toUpperCase()}${subject.slice(1)}`;

/** Actions by subject, for the filter's option groups (subjects in their listed order, then the rest; actions by label). */
export function groupActions(actions: readonly string[]): { subject: string; actions: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const a of actions) {
    const s = subjectOf(a);
    groups.set(s, [...(groups.get(s) ?? []), a]);
  }
  const order = Object.keys(AUDIT_SUBJECTS);
  const rank = (s: string) => (order.includes(s) ? order.indexOf(s) : order.length);
  return [...groups]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([subject, list]) => ({ subject, actions: [...list].sort((a, b) => actionLabel(a).localeCompare(actionLabel(b))) }));
}
