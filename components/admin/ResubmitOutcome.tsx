import Link from "next/link";
import type { ResubmitResult } from "@/client/api/types";

const LOOK: Record<string, { label: string; cls: string }> = {
  accepted: { label: "Accepted", cls: "bg-emerald-50 text-emerald-900 ring-emerald-600/20" },
  duplicate: { label: "Already in the ledger", cls: "bg-sky-50 text-sky-900 ring-sky-600/20" },
  partial: { label: "Partly accepted", cls: "bg-amber-50 text-amber-900 ring-amber-600/25" },
  unmapped: { label: "Parked as unmapped", cls: "bg-amber-50 text-amber-900 ring-amber-600/25" },
  ignored: { label: "Nothing to apply", cls: "bg-slate-100 text-slate-800 ring-slate-400/25" },
  rejected: { label: "Rejected again", cls: "bg-rose-50 text-rose-900 ring-rose-600/25" },
};

/** What a re-submission did, in words: accepted, duplicate, rejected again (with the reason), parked… */
export function ResubmitOutcome({ result }: { result: ResubmitResult }) {
  const look = LOOK[result.outcome] ?? { label: result.outcome, cls: "bg-slate-100 text-slate-800 ring-slate-400/25" };
  const count = (s: string) => result.results.filter((r) => r.status === s).length;
  const n = result.results.length;
  return (
    <p role="status" data-testid="resubmit-outcome" data-outcome={result.outcome} className={`rounded-md px-3 py-1.5 text-xs ring-1 ring-inset ${look.cls}`}>
      <span className="font-semibold">{look.label}</span>
      {result.outcome === "accepted" && <> — applied to the ledger{n > 1 ? ` (${count("accepted")} new, ${count("duplicate")} already there)` : ""}.</>}
      {result.outcome === "duplicate" && <> — it was applied before; nothing counted twice.</>}
      {result.outcome === "partial" && (
        <>
          {" "}
          — {count("accepted")} applied, {count("duplicate")} already there, {count("unmapped")} parked, {count("rejected")} rejected.
        </>
      )}
      {result.outcome === "unmapped" && (
        <>
          {" "}
          — its listing is still not mapped.{" "}
          <Link href="/admin/unmapped" className="font-medium underline">
            Map it
          </Link>
          .
        </>
      )}
      {result.outcome === "ignored" && <> — the delivery changes no stock.</>}
      {result.error && (
        <>
          {" "}
          — <code className="font-mono">{result.error.code}</code>: {result.error.message}. This row now shows the new reason.
        </>
      )}
    </p>
  );
}
