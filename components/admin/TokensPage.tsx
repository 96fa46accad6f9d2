"use client";

import { DoneNotice } from "@/components/ui/DoneNotice";
import { useState } from "react";
import type { RotatedToken, TokenView } from "@/client/api/types";
import { formatInt } from "@/client/format/numbers";
import { formatAbsolute, formatRelative } from "@/client/format/time";
import { ClearLink, DataTable } from "@/components/ui/DataTable";
import { QueryStates } from "@/components/ui/QueryStates";
import { useNow } from "@/hooks/use-now";
import { useTokens } from "@/hooks/use-tokens";
import { IssueTokenDialog } from "./IssueTokenDialog";
import { SecretOnce } from "./SecretOnce";
import { TokenRow } from "./TokenRow";
import { tokenStatus, type TokenStatus } from "./tokens";
import { TokensEmptyState } from "./TokensEmptyState";
import { RefreshFailedNote } from "@/components/ui/RefreshFailedNote";
import { Button } from "@/components/ui/Button";
import { PageHeader } from "@/components/ui/PageHeader";
import { FilterChips } from "@/components/ui/FilterBar";
import { useReveal } from "@/hooks/use-reveal";

type Filter = "all" | "live" | "expiring" | "ended";
const FILTERS: { value: Filter; label: string; tone: string; has(s: TokenStatus): boolean }[] = [
  { value: "all", label: "All", tone: "text-slate-700", has: () => true },
  { value: "live", label: "Active", tone: "text-emerald-700", has: (s) => s === "active" || s === "expiring" },
  { value: "expiring", label: "Expiring", tone: "text-amber-800", has: (s) => s === "expiring" },
  { value: "ended", label: "Expired or revoked", tone: "text-slate-500", has: (s) => s === "expired" || s === "revoked" },
];

interface Rotation {
  from: TokenView;
  result: RotatedToken;
  overlapSeconds: number;
}

/** A rotated token's new value, above the list: shown once, and kept even if the list reloads. */
function RotatedNotice({ r, now, onDone }: { r: Rotation; now: number; onDone(): void }) {
  const ref = useReveal(r);
  return (
    <div ref={ref} className="mb-3" data-testid="rotate-token-result">
      <SecretOnce
        secret={r.result.token}
        hint={`${r.result.token.slice(0, 10)}… for ${r.from.name}`}
        what="token"
        where={`the sender that used ${r.from.prefix}… until now`}
        kept="Onepool stores only its hash and will never show it again; if it is lost, rotate again."
        testId="token-once"
        onDone={onDone}
      >
        <p className="mt-2 text-xs text-amber-900" data-testid="rotate-previous">
          {r.overlapSeconds === 0 ? (
            <>
              The previous token <span className="font-mono">{r.from.prefix}…</span> was revoked now.
            </>
          ) : (
            <>
              The previous token <span className="font-mono">{r.from.prefix}…</span> keeps working until {formatAbsolute(r.result.previousExpiresAt).split(" (")[0]} (
              {formatRelative(r.result.previousExpiresAt, now)}): switch the sender before then.
            </>
          )}
        </p>
      </SecretOnce>
    </div>
  );
}

/** `/admin/tokens`: connector tokens with their scopes, sources and life; issue, rotate with an overlap, revoke. */
export function TokensPage() {
  const q = useTokens();
  const now = useNow(15_000);
  const [issuing, setIssuing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [rotation, setRotation] = useState<Rotation | null>(null);
  const [filter, setFilter] = useState<Filter>("all");

  const tokens = q.data?.tokens ?? null;
  const statuses = new Map((tokens ?? []).map((t) => [t.id, tokenStatus(t, now)]));
  const count = (f: (typeof FILTERS)[number]) => (tokens ?? []).filter((t) => f.has(statuses.get(t.id)!)).length;

  const issueClosed = (message?: string) => {
    setIssuing(false);
    if (message) setNotice(message);
  };
  const onRotated = (from: TokenView, result: RotatedToken, overlapSeconds: number) => {
    setNotice(null);
    setRotation({ from, result, overlapSeconds });
  };

  const active = FILTERS.find((f) => f.value === filter)!;
  const shown = tokens ? tokens.filter((t) => active.has(statuses.get(t.id)!)) : null;
  const table = (
    <DataTable
      columns={["Name", "Prefix", "Scopes", "Sources", "Created", "Expires", "Last used", "Status", { label: "Actions", hidden: true }]}
      rows={shown}
      rowKey={(t) => t.id}
      row={(t) => <TokenRow t={t} now={now} onRotated={onRotated} />}
      caption="Connector tokens, newest first"
      testId="tokens"
      skeletonTestId="tokens-loading"
      responsive="xl"
      empty={
        <>
          No token is {active.label.toLowerCase()} right now. <ClearLink onClick={() => setFilter("all")}>Show all</ClearLink>
        </>
      }
    />
  );
  const body = (
    <QueryStates query={q} errorTitle="Couldn't load the tokens" loading={table} empty={<TokensEmptyState onIssue={() => setIssuing(true)} />} isEmpty={(d) => d.tokens.length === 0}>
      {() => (
        <>
          {table}
          {shown && shown.length > 0 && (
            <p className="mt-2 text-xs text-slate-500" data-testid="token-count">
              Showing {formatInt(shown.length)} of {formatInt(tokens!.length)} token{tokens!.length === 1 ? "" : "s"}, newest first. Only a prefix of each is kept; a lost value cannot be shown again —
              rotate instead.
            </p>
          )}
        </>
      )}
    </QueryStates>
  );

  return (
    <main className="mx-auto max-w-[1600px] px-4 py-4">
      <PageHeader title="Tokens" description="Connector tokens: the bearer credentials of connectors and scripts. Stored hashed; a value is shown once, when it is issued or rotated.">
        <Button variant="primary" className="ml-auto" onClick={() => setIssuing(true)}>
          Issue token
        </Button>
      </PageHeader>
      {tokens && tokens.length > 0 && (
        <div className="mb-3 flex flex-wrap items-center gap-x-3 gap-y-1.5 text-xs text-slate-500" data-testid="tokens-summary">
          <FilterChips<Filter>
            label="Filter by status"
            chips={FILTERS.map((f) => ({ value: f.value, label: f.label, count: count(f), tone: f.tone })).filter((c) => c.value === "all" || c.count > 0 || c.value === filter)}
            value={filter}
            onChange={setFilter}
          />
          <span className="text-slate-400">Expiring: ends within 7 days (an overlap after rotation, or the end of its life) · last used to the minute · refreshes every 30 s</span>
          {q.isError && <RefreshFailedNote shown="list received" onRetry={() => void q.refetch()} inline />}
        </div>
      )}
      {notice && <DoneNotice onDismiss={() => setNotice(null)}>{notice}</DoneNotice>}
      {rotation && <RotatedNotice r={rotation} now={now} onDone={() => setRotation(null)} />}
      {body}
      {issuing && <IssueTokenDialog onClose={issueClosed} />}
    </main>
  );
}
