"use client";

import { PageHeader } from "@/components/ui/PageHeader";
import Link from "next/link";
import { useMemo, useRef, useState } from "react";
import { errorText } from "@/client/api/error-text";
import { useCan, useViewer } from "@/components/auth/ViewerProvider";
import { ErrorPanel } from "@/components/ui/ErrorPanel";
import { primaryBtn, secondaryBtn } from "@/components/ui/form-styles";
import { Skeleton } from "@/components/ui/Skeleton";
import { countLineSchema, MAX_COUNTED_UNITS } from "@/lib/contracts/counts";
import { COUNT_REASON_LABELS, COUNT_REASONS } from "@/lib/counts/count-reasons";
import { approveCount, moveCount, saveLines, STATUS_LABELS, uploadCsv, useCount, useCountAction, useCountsLive, type CountDetail } from "./count-api";
import { statusTone } from "./CountsPage";
import { TableHead } from "@/components/ui/DataTable";
import { InlineError } from "@/components/ui/InlineError";

/** One count: the counting screen while open, the review for reviewers once submitted. */
export function CountPage({ id }: { id: string }) {
  const q = useCount(id);
  useCountsLive();
  if (q.isPending)
    return (
      <main className="mx-auto max-w-3xl space-y-3 px-4 py-6" aria-busy="true">
        <Skeleton className="h-8 w-48" />
        <Skeleton className="h-40 w-full" />
      </main>
    );
  if (q.isError)
    return (
      <main className="px-4">
        <ErrorPanel title="This count could not be loaded" error={q.error} onRetry={() => void q.refetch()} retrying={q.isFetching} />
      </main>
    );
  return <CountView count={q.data} />;
}

function CountView({ count }: { count: CountDetail }) {
  const canWrite = useCan("counts.write");
  const canApprove = useCan("counts.approve");
  const viewer = useViewer();
  const reviewing = count.status === "in_review" && canApprove && count.showsSystem;
  const counting = count.status === "open" && canWrite;
  const cancel = useCountAction(() => moveCount(count.id, "cancel"));
  const [confirmCancel, setConfirmCancel] = useState(false);
  const mayCancel = (count.status === "open" || count.status === "in_review") && (canApprove || (canWrite && viewer?.email === count.createdBy));
  return (
    <main className="mx-auto max-w-3xl px-3 py-4 sm:px-4">
      <nav className="text-xs text-slate-500">
        <Link href="/counts" className="hover:underline">
          Counts
        </Link>{" "}
        / {count.id}
      </nav>
      <PageHeader title={`Count at ${count.location}`} className="mt-1">
        <span data-testid="count-status" className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${statusTone[count.status]}`}>
          {STATUS_LABELS[count.status]}
        </span>
        {count.blind && <span className="text-xs text-slate-500">Blind</span>}
        <span className="text-sm text-slate-600 tabular-nums">
          {count.lines.length} of {count.expected.length} counted
        </span>
      </PageHeader>
      {counting && <CountingPanel count={count} />}
      {reviewing && <ReviewPanel count={count} />}
      {!counting && !reviewing && <LinesTable count={count} />}
      {count.status === "in_review" && !reviewing && <p className="mt-3 text-sm text-slate-600">Waiting for a merchandiser to review and approve.</p>}
      {count.status === "approved" && (
        <p className="mt-3 text-sm text-emerald-800">
          Approved by {count.approvedBy} {count.approvedAt && `on ${new Date(count.approvedAt).toLocaleString()}`}: each line is a cycle count in the ledger.
        </p>
      )}
      {count.status === "cancelled" && <p className="mt-3 text-sm text-slate-600">Cancelled by {count.cancelledBy}; nothing reached the stock numbers.</p>}
      {mayCancel && (
        <div className="mt-6 border-t border-slate-200 pt-4">
          {confirmCancel ? (
            <div role="alertdialog" aria-label="Cancel this count?" className="flex flex-wrap items-center gap-2 text-sm">
              <span>Cancel this count? Its lines are discarded.</span>
              <button
                type="button"
                className="rounded-md bg-rose-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-600"
                onClick={() => cancel.mutate(undefined)}
                data-testid="cancel-confirm"
              >
                Cancel the count
              </button>
              <button type="button" className={secondaryBtn} onClick={() => setConfirmCancel(false)}>
                Keep it
              </button>
            </div>
          ) : (
            <button type="button" className={secondaryBtn} onClick={() => setConfirmCancel(true)}>
              Cancel count…
            </button>
          )}
          <InlineError error={cancel.error} className="mt-1" />
        </div>
      )}
    </main>
  );
}

/**
 * The tablet screen: a scan field (a scanner types the code and Enter), then one big quantity field
 * (Enter saves and returns to the scan field). Keyboard alone is enough; a recount replaces the line.
 */
function CountingPanel({ count }: { count: CountDetail }) {
  const scanRef = useRef<HTMLInputElement>(null);
  const qtyRef = useRef<HTMLInputElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [scan, setScan] = useState("");
  const [sku, setSku] = useState<string | null>(null);
  const [qty, setQty] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const expected = useMemo(() => new Map(count.expected.map((e) => [e.sku.toLowerCase(), e])), [count.expected]);
  const counted = useMemo(() => new Set(count.lines.map((l) => l.sku)), [count.lines]);
  const save = useCountAction((v: { sku: string; counted: number }) => saveLines(count.id, [v]));
  const upload = useCountAction((csv: string) => uploadCsv(count.id, csv));
  const submit = useCountAction(() => moveCount(count.id, "submit"));
  const current = sku ? expected.get(sku.toLowerCase()) : undefined;

  const takeScan = () => {
    const code = scan.trim();
    if (!code) return;
    const hit = expected.get(code.toLowerCase());
    if (!hit) {
      setProblem(`${code} is not in this count.`);
      scanRef.current?.select();
      return;
    }
    setProblem(null);
    setSku(hit.sku);
    setQty("");
    qtyRef.current?.focus();
  };
  const takeQty = () => {
    if (!current) return scanRef.current?.focus();
    // The line as PUT /lines takes it, checked by the route's own schema (lib/contracts/counts.ts).
    const line = countLineSchema.safeParse({ sku: current.sku, counted: qty.trim() === "" ? Number.NaN : Number(qty.trim()) });
    if (!line.success)
      return setProblem(line.error.issues[0]?.code === "too_big" ? `At most ${MAX_COUNTED_UNITS.toLocaleString("en-US")} units.` : "Type the number of units (a whole number, 0 or more).");
    const n = line.data.counted;
    const recount = counted.has(current.sku);
    save.mutate(
      { sku: current.sku, counted: n },
      {
        onSuccess: () => {
          setNotice(`${current.sku}: ${n}${recount ? " (recount replaced the line)" : ""}`);
          setProblem(null);
          setSku(null);
          setScan("");
          setQty("");
          scanRef.current?.focus();
        },
        onError: (e) => setProblem(errorText(e)),
      },
    );
  };

  const big = "w-full rounded-lg border-2 border-slate-300 bg-white px-3 text-slate-900 focus:border-sky-500 focus:ring-4 focus:ring-sky-500/20 focus:outline-none";
  return (
    <section className="mt-4 space-y-4" aria-label="Counting">
      <div className="rounded-lg border border-slate-200 bg-white p-3 shadow-xs sm:p-4">
        <label htmlFor="count-scan" className="block text-sm font-medium text-slate-700">
          Scan or type a SKU, then Enter
        </label>
        <input
          // biome-ignore lint/a11y/noAutofocus: the counting screen exists to take scans: a scanner types into whatever has focus
          autoFocus
          id="count-scan"
          ref={scanRef}
          data-testid="count-scan"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          className={`${big} mt-1 h-12 font-mono text-lg`}
          value={scan}
          onChange={(e) => {
            setScan(e.target.value);
            setProblem(null);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              takeScan();
            }
          }}
          aria-describedby="count-msg"
        />
        <label htmlFor="count-qty" className="mt-3 block text-sm font-medium text-slate-700">
          {current ? (
            <>
              Units of <span className="font-mono">{current.sku}</span> <span className="font-normal text-slate-500">{current.skuName}</span>
            </>
          ) : (
            "Units counted"
          )}
        </label>
        <input
          id="count-qty"
          ref={qtyRef}
          data-testid="count-qty"
          inputMode="numeric"
          pattern="[0-9]*"
          autoComplete="off"
          readOnly={save.isPending}
          className={`${big} mt-1 h-20 text-center text-4xl font-semibold tabular-nums read-only:bg-slate-50`}
          value={qty}
          onChange={(e) => setQty(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              takeQty();
            }
            if (e.key === "Escape") {
              setSku(null);
              scanRef.current?.focus();
            }
          }}
          aria-describedby="count-msg"
        />
        <p id="count-msg" role={problem ? "alert" : "status"} className={`mt-2 min-h-5 text-sm ${problem ? "text-rose-700" : "text-emerald-800"}`}>
          {problem ?? (save.isPending ? "Saving…" : notice ? `Saved ${notice}` : "")}
        </p>
      </div>

      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={primaryBtn} disabled={submit.isPending || count.lines.length === 0} onClick={() => submit.mutate(undefined)} data-testid="count-submit">
          {submit.isPending ? "Submitting…" : "Submit for review"}
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".csv,text/csv"
          className="sr-only"
          id="count-csv"
          data-testid="count-csv"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            e.target.value = "";
            if (f) upload.mutate(await f.text(), { onSuccess: (r) => setNotice(`${r.lines} line(s) from the CSV, ${r.replaced} replaced`) });
          }}
        />
        <label htmlFor="count-csv" className={`${secondaryBtn} cursor-pointer`}>
          Upload CSV (sku,counted)
        </label>
        {(submit.error || upload.error) && (
          <p role="alert" className="text-sm text-rose-700">
            {errorText(submit.error ?? upload.error)}
          </p>
        )}
      </div>

      <div>
        <h2 className="text-sm font-semibold text-slate-900">Counted ({count.lines.length})</h2>
        <ul className="mt-1 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="count-lines">
          {count.lines.length === 0 && <li className="px-3 py-3 text-sm text-slate-500">Nothing counted yet. Scan the first SKU.</li>}
          {count.lines.map((l) => (
            <li key={l.sku} className="flex items-center gap-3 px-3 py-2 text-sm">
              <span className="font-mono">{l.sku}</span>
              <span className="truncate text-slate-500">{l.skuName}</span>
              <span className="ml-auto text-lg font-semibold tabular-nums">{l.counted}</span>
            </li>
          ))}
        </ul>
        {count.expected.some((e) => !counted.has(e.sku)) && (
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer text-slate-600">Still to count ({count.expected.filter((e) => !counted.has(e.sku)).length})</summary>
            <ul className="mt-1 columns-2 font-mono text-xs text-slate-600">
              {count.expected
                .filter((e) => !counted.has(e.sku))
                .slice(0, 500)
                .map((e) => (
                  <li key={e.sku}>{e.sku}</li>
                ))}
            </ul>
          </details>
        )}
      </div>
    </section>
  );
}

/** The count screens' table headers (bold labels on grey, as the count pages have always had). */
const COUNT_HEAD = "bg-slate-50 text-xs text-slate-500 [&_th]:px-3 [&_th]:py-2";

const money = (v: number | null | undefined) => (v === null || v === undefined ? "—" : v.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

/** Review: system, counted, variance and value per line (largest value first); reasons where the rule asks; approve once. */
function ReviewPanel({ count }: { count: CountDetail }) {
  const [reasons, setReasons] = useState<Record<string, string>>(() => Object.fromEntries(count.lines.filter((l) => l.reason).map((l) => [l.sku, l.reason!])));
  const [confirm, setConfirm] = useState(false);
  const approve = useCountAction(() => approveCount(count.id, reasons));
  const missing = count.lines.filter((l) => l.needsReason && !reasons[l.sku]);
  return (
    <section className="mt-4" aria-label="Review">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm" data-testid="review-table">
          <TableHead
            className={COUNT_HEAD}
            columns={[
              "SKU",
              { label: "System", className: "text-right" },
              { label: "Counted", className: "text-right" },
              { label: "Variance", className: "text-right" },
              { label: "Value", className: "text-right" },
              "Reason",
            ]}
          />
          <tbody className="divide-y divide-slate-100">
            {count.lines.map((l) => (
              <tr key={l.sku} className={l.needsReason ? "bg-amber-50/40" : undefined}>
                <td className="px-3 py-2">
                  <span className="font-mono">{l.sku}</span>
                  <span className="block text-xs text-slate-500">{l.skuName}</span>
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{l.system}</td>
                <td className="px-3 py-2 text-right tabular-nums">{l.counted}</td>
                <td
                  className={`px-3 py-2 text-right font-medium tabular-nums ${l.variance! > 0 ? "text-rose-700" : l.variance! < 0 ? "text-sky-700" : "text-slate-500"}`}
                  title="system − counted: positive = units missing"
                >
                  {l.variance! > 0 ? `+${l.variance}` : l.variance}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{money(l.value)}</td>
                <td className="px-3 py-2">
                  <select
                    aria-label={`Reason for ${l.sku}`}
                    data-testid={`reason-${l.sku}`}
                    value={reasons[l.sku] ?? ""}
                    aria-invalid={l.needsReason && !reasons[l.sku] ? true : undefined}
                    onChange={(e) => setReasons((r) => ({ ...r, [l.sku]: e.target.value }))}
                    className="h-8 rounded-md border border-slate-300 bg-white px-1 text-xs aria-invalid:border-amber-500"
                  >
                    <option value="">{l.needsReason ? "Needed…" : "—"}</option>
                    {COUNT_REASONS.map((r) => (
                      <option key={r} value={r}>
                        {COUNT_REASON_LABELS[r]}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-xs text-slate-500">
        System = on hand when the line was counted, so stock that moved since is not variance. A reason is needed where |variance| ≥ max(2 units, 5 % of system).
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        {confirm ? (
          <div role="alertdialog" aria-label="Approve this count?" className="flex flex-wrap items-center gap-2 text-sm">
            <span>Post {count.lines.length} cycle count(s) to the ledger?</span>
            <button type="button" className={primaryBtn} disabled={approve.isPending} onClick={() => approve.mutate(undefined)} data-testid="approve-confirm">
              {approve.isPending ? "Approving…" : "Approve"}
            </button>
            <button type="button" className={secondaryBtn} onClick={() => setConfirm(false)}>
              Not yet
            </button>
          </div>
        ) : (
          <button type="button" className={primaryBtn} disabled={missing.length > 0} onClick={() => setConfirm(true)} data-testid="approve">
            Approve…
          </button>
        )}
        {missing.length > 0 && <span className="text-sm text-amber-900">Pick a reason for {missing.length} line(s) first.</span>}
        <InlineError error={approve.error} />
      </div>
    </section>
  );
}

function LinesTable({ count }: { count: CountDetail }) {
  return (
    <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-sm">
        <TableHead
          className={COUNT_HEAD}
          columns={[
            "SKU",
            count.showsSystem && { label: "System", className: "text-right" },
            { label: "Counted", className: "text-right" },
            count.showsSystem && { label: "Variance", className: "text-right" },
            "Reason",
            "By",
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {count.lines.length === 0 && (
            <tr>
              <td colSpan={6} className="px-3 py-3 text-slate-500">
                No lines.
              </td>
            </tr>
          )}
          {count.lines.map((l) => (
            <tr key={l.sku}>
              <td className="px-3 py-2 font-mono">{l.sku}</td>
              {count.showsSystem && <td className="px-3 py-2 text-right tabular-nums">{l.system}</td>}
              <td className="px-3 py-2 text-right tabular-nums">{l.counted}</td>
              {count.showsSystem && <td className="px-3 py-2 text-right tabular-nums">{l.variance}</td>}
              <td className="px-3 py-2">{l.reason ? ((COUNT_REASON_LABELS as Record<string, string>)[l.reason] ?? l.reason) : "—"}</td>
              <td className="px-3 py-2 text-xs text-slate-500">{l.enteredBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
