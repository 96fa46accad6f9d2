import { FIELD_META } from "@/components/rules/rule-form";
import { describeChange, type ChangeLine } from "@/lib/audit/describe-change";

const MAX_LINES = 6;
/** The rule editor's own field names ("Buffer %"), so the log says what the form says. */
const RULE_LABELS = Object.fromEntries(Object.entries(FIELD_META).map(([k, m]) => [k, m.label]));

function Line({ l }: { l: ChangeLine }) {
  const full = l.before !== undefined && l.after !== undefined ? `${l.before} → ${l.after}` : (l.after ?? l.before ?? "");
  return (
    <li data-key={l.key} data-kind={l.kind} title={`${l.label}: ${full}`} className="[overflow-wrap:anywhere]">
      <span className="text-slate-500">{l.label}:</span>{" "}
      {l.before !== undefined && <span className={l.after === undefined ? "text-rose-700 line-through decoration-rose-300" : "text-slate-500"}>{l.before}</span>}
      {l.before !== undefined && l.after !== undefined && (
        <span role="img" aria-label="changed to" className="mx-1 text-slate-400">
          →
        </span>
      )}
      {l.after !== undefined && <span className="font-medium text-slate-900">{l.after}</span>}
    </li>
  );
}

/** The changed fields in words (`Role: Ops analyst → Merchandiser`), then the entry's details in grey (also the Rules page's Changes panel). */
export function AuditDiff({ before, after, details, action = "" }: { before: unknown; after: unknown; details: unknown; action?: string }) {
  const { lines, notes } = describeChange({ action, target: "", before, after, details }, RULE_LABELS);
  if (!lines.length && !notes.length) return <span className="text-xs text-slate-400">—</span>;
  const hidden = lines.slice(MAX_LINES);
  return (
    <div className="text-xs lg:min-w-[14rem]">
      {lines.length > 0 && (
        <ul data-testid="audit-diff" className="space-y-0.5 leading-4">
          {lines.slice(0, MAX_LINES).map((l) => (
            <Line key={l.key} l={l} />
          ))}
          {hidden.length > 0 && (
            <li className="text-slate-500" title={hidden.map((l) => `${l.label}: ${l.before ?? ""} → ${l.after ?? ""}`).join("\n")}>
              +{hidden.length} more change{hidden.length === 1 ? "" : "s"}
            </li>
          )}
        </ul>
      )}
      {notes.length > 0 && (
        <p data-testid="audit-details" className={`text-slate-400 [overflow-wrap:anywhere] ${lines.length ? "mt-1" : ""}`}>
          {notes.map((n, i) => (
            <span key={n.key} data-key={n.key}>
              {i > 0 && " · "}
              <span>{n.label}: </span>
              <span className="text-slate-600">{n.value}</span>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
