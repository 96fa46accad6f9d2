import { compact, detailPairs, diffLines, type DiffLine } from "./audit-diff";

const MAX_LINES = 6;

function Line({ l }: { l: DiffLine }) {
  const full = l.kind === "added" ? compact(l.after, 2000) : l.kind === "removed" ? `${compact(l.before, 2000)} → —` : `${compact(l.before, 2000)} → ${compact(l.after, 2000)}`;
  return (
    <li data-key={l.path} data-kind={l.kind} title={`${l.path}: ${full}`} className="break-words">
      <span className="text-slate-500">{l.path}:</span>{" "}
      {l.kind !== "added" && <span className={l.kind === "removed" ? "text-rose-700 line-through decoration-rose-300" : "text-slate-500"}>{compact(l.before)}</span>}
      {l.kind === "changed" && <span aria-label="changed to" className="mx-1 text-slate-400">→</span>}
      {l.kind !== "removed" && <span className="font-medium text-slate-900">{compact(l.after)}</span>}
    </li>
  );
}

/** The changed fields (`role: analyst → merchandiser`), then the entry's details in grey. */
export function AuditDiff({ before, after, details }: { before: unknown; after: unknown; details: unknown }) {
  const lines = diffLines(before, after);
  const pairs = detailPairs(details);
  if (!lines.length && !pairs.length) return <span className="text-xs text-slate-400">—</span>;
  const hidden = lines.slice(MAX_LINES);
  return (
    <div className="min-w-[14rem] text-xs">
      {lines.length > 0 && (
        <ul data-testid="audit-diff" className="space-y-0.5 font-mono text-[11px] leading-4">
          {lines.slice(0, MAX_LINES).map((l) => (
            <Line key={l.path} l={l} />
          ))}
          {hidden.length > 0 && (
            <li className="font-sans text-slate-500" title={hidden.map((l) => l.path).join("\n")}>
              +{hidden.length} more change{hidden.length === 1 ? "" : "s"}
            </li>
          )}
        </ul>
      )}
      {pairs.length > 0 && (
        <p data-testid="audit-details" className={`text-slate-400 break-words ${lines.length ? "mt-1" : ""}`}>
          {pairs.map(([k, v], i) => (
            <span key={k || i}>
              {i > 0 && " · "}
              {k && <span>{k}: </span>}
              <span className="text-slate-500">{v}</span>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
