"use client";

import { DoneNotice } from "@/components/ui/DoneNotice";
import { useEffect, useState } from "react";
import type { Source } from "@/client/api/types";
import { useCan } from "@/components/auth/ViewerProvider";
import { ErrorPanel } from "@/components/ui/ErrorPanel";
import { useNow } from "@/hooks/use-now";
import { useOrigin } from "@/hooks/use-origin";
import { useSources } from "@/hooks/use-sources";
import { judgeHealth, judgeSender, type HealthLevel } from "./health";
import { ReadOnlyNote } from "./ReadOnlyNote";
import { SenderCard } from "./SenderCard";
import { senderAnchor, sourceAnchor } from "./source-anchors";
import { SourceCard } from "./SourceCard";
import { SourceFormDialog } from "./SourceFormDialog";
import { SourcesEmptyState } from "./SourcesEmptyState";
import { SourcesSkeleton } from "./SourcesSkeleton";
import { useHashTarget } from "@/hooks/use-hash-target";
import { RefreshFailedNote } from "@/components/ui/RefreshFailedNote";
import { Button } from "@/components/ui/Button";
import { PageHeader } from "@/components/ui/PageHeader";
import { FilterChips } from "@/components/ui/FilterBar";

type FormState = { source: Source | null } | null;

const FILTERS: { level: HealthLevel | null; label: string; tone: string }[] = [
  { level: null, label: "All", tone: "text-slate-700" },
  { level: "failing", label: "Failing", tone: "text-rose-700" },
  { level: "quiet", label: "Quiet or throttled", tone: "text-amber-800" },
  { level: "waiting", label: "Waiting for first event", tone: "text-slate-600" },
  { level: "ok", label: "OK", tone: "text-emerald-700" },
];

/** `/admin/sources`: every connector source with its webhook URL, health and secrets; register and edit. */
export function SourcesPage() {
  const q = useSources();
  const now = useNow(10_000);
  const origin = useOrigin();
  const [form, setForm] = useState<FormState>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [health, setHealth] = useState<HealthLevel | null>(null);
  const canManage = useCan("connectors.manage");
  const sources = q.data?.sources ?? null;

  const senders = q.data?.senders ?? [];
  const [target] = useHashTarget();

  const judged = sources?.map((s) => ({ s, level: judgeHealth(s.health, s.createdAt, now).level })) ?? null;
  const judgedSenders = senders.map((s) => ({ s, level: judgeSender(s, now).level }));
  const levels = [...(judged ?? []), ...judgedSenders].map((x) => x.level);
  const counts = levels.reduce((c, l) => (c[l]++, c), { ok: 0, waiting: 0, quiet: 0, failing: 0 } as Record<HealthLevel, number>);
  const anchors = new Set([...(sources ?? []).map((s) => sourceAnchor(s.code)), ...senders.map((s) => senderAnchor(s.source))]);
  const targeted = target !== null && anchors.has(target) ? target : null;

  // A link from the dashboard strip (#source-<code>, #sender-<code>) shows that card, even under
  // another health filter, and scrolls to it once it is rendered.
  useEffect(() => {
    if (!targeted) return;
    setHealth(null);
    requestAnimationFrame(() => document.getElementById(targeted)?.scrollIntoView({ block: "start" }));
  }, [targeted]);

  let body: React.ReactNode;
  if (q.isError && !sources) body = <ErrorPanel title="Couldn't load the sources" error={q.error} onRetry={() => void q.refetch()} retrying={q.isFetching} />;
  else if (!judged) body = <SourcesSkeleton />;
  else {
    const shown = health ? judged.filter((x) => x.level === health) : judged;
    const shownSenders = health ? judgedSenders.filter((x) => x.level === health) : judgedSenders;
    body = (
      <>
        {judged.length === 0 ? (
          <SourcesEmptyState onRegister={canManage ? () => setForm({ source: null }) : null} />
        ) : (
          <div className="space-y-3">
            {shown.map(({ s }) => (
              <SourceCard key={s.code} source={s} origin={origin} now={now} highlighted={targeted === sourceAnchor(s.code)} onEdit={() => setForm({ source: s })} />
            ))}
            {shown.length === 0 && shownSenders.length === 0 && (
              <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-500">
                No source is {FILTERS.find((f) => f.level === health)?.label.toLowerCase()} right now.{" "}
                <button type="button" onClick={() => setHealth(null)} className="font-medium text-slate-700 underline">
                  Show all
                </button>
              </p>
            )}
          </div>
        )}
        {shownSenders.length > 0 && (
          <section aria-labelledby="senders-title" data-testid="senders" className="mt-6">
            <h2 id="senders-title" className="text-sm font-semibold text-slate-900">
              Canonical senders
            </h2>
            <p className="mt-0.5 mb-2 text-xs text-slate-500">
              Systems that post canonical events to <code className="rounded bg-slate-100 px-1">POST /api/events</code> with a connector token (POS, ERP, 3PL, scripts). They are not registered here:
              no URL or secret. Counted by this server over the last hour, since it started.
            </p>
            <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
              {shownSenders.map(({ s }) => (
                <SenderCard key={s.source} sender={s} now={now} highlighted={targeted === senderAnchor(s.source)} />
              ))}
            </div>
          </section>
        )}
      </>
    );
  }

  return (
    <main className="mx-auto max-w-[1600px] px-4 py-4">
      <PageHeader title="Sources" description="Provider connectors: where each posts its webhooks, how healthy it is, and its signing secrets; then the canonical senders.">
        {canManage ? (
          <Button variant="primary" className="ml-auto" onClick={() => setForm({ source: null })}>
            Register source
          </Button>
        ) : (
          <ReadOnlyNote className="ml-auto">Only admins can change sources</ReadOnlyNote>
        )}
      </PageHeader>
      {levels.length > 0 && (
        <div className="mb-3 flex flex-wrap items-center gap-x-3 gap-y-1.5 text-xs text-slate-500" data-testid="sources-summary">
          <FilterChips<HealthLevel | null>
            label="Filter by health"
            chips={FILTERS.map((f) => ({ value: f.level, label: f.label, count: f.level ? counts[f.level] : levels.length, tone: f.tone })).filter(
              (c) => !c.value || c.count > 0 || health === c.value,
            )}
            value={health}
            onChange={setHealth}
          />
          <span className="text-slate-400">
            Health refreshes every 10 s · error rate over the last hour, signature failures over 24 h · quiet after 15 min without events (a new source waits up to 24 h for its first)
          </span>
          {q.isError && <RefreshFailedNote shown="health received" onRetry={() => void q.refetch()} inline />}
        </div>
      )}
      {notice && <DoneNotice onDismiss={() => setNotice(null)}>{notice}</DoneNotice>}
      {body}
      {form && canManage && (
        <SourceFormDialog
          key={form.source?.code ?? "new"}
          source={form.source}
          onClose={(message) => {
            setForm(null);
            if (message) setNotice(message);
          }}
        />
      )}
    </main>
  );
}
