"use client";

import { errorText } from "@/client/api/error-text";
import { formatDay } from "@/client/format/time";
import { Skeleton } from "@/components/ui/Skeleton";
import { Spinner } from "@/components/ui/Spinner";
import { useScorecardSubscription } from "@/hooks/use-scorecard-subscription";
import { InlineError } from "@/components/ui/InlineError";

/**
 * The account page's "Weekly scorecard e-mail" card (people who may read the scorecard): subscribe
 * or unsubscribe. The server decides who gets it; this only says and switches.
 */
export function ScorecardMailCard() {
  const { query, change } = useScorecardSubscription();
  const s = query.data;
  return (
    <section aria-labelledby="account-scorecard-mail" data-testid="scorecard-mail-card" className="rounded-lg border border-slate-200 bg-white p-5 shadow-xs">
      <h2 id="account-scorecard-mail" className="text-sm font-semibold text-slate-900">
        Weekly scorecard e-mail
      </h2>
      <div className="mt-3 space-y-3 text-sm text-slate-700">
        <p>Every Monday at 08:00{s ? ` (${s.timezone})` : ""}, last week’s scorecard: the main figures with their change from the week before, and the full scorecard as a CSV attachment.</p>
        {query.isError && !s ? (
          <p role="alert" className="text-rose-700">
            Couldn’t load your subscription: {errorText(query.error)}{" "}
            <button type="button" className="underline" onClick={() => void query.refetch()}>
              Retry
            </button>
          </p>
        ) : !s ? (
          <Skeleton className="h-8 w-64" />
        ) : (
          <div className="flex flex-wrap items-center gap-3">
            <span data-testid="scorecard-mail-state" data-subscribed={s.subscribed} className={s.subscribed ? "font-medium text-emerald-800" : "text-slate-600"}>
              {s.subscribed ? `Subscribed${s.since ? ` since ${formatDay(s.since)}` : ""}` : "Not subscribed"}
            </span>
            <button
              type="button"
              data-testid="scorecard-mail-toggle"
              disabled={change.isPending}
              onClick={() => change.mutate(!s.subscribed)}
              className={`ml-auto inline-flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60 ${s.subscribed ? "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50" : "bg-slate-900 text-white hover:bg-slate-700"}`}
            >
              {change.isPending && <Spinner className={s.subscribed ? "border-slate-300 border-t-slate-700" : undefined} />}
              {s.subscribed ? "Unsubscribe" : "Subscribe"}
            </button>
          </div>
        )}
        {s && !s.mailEnabled && (
          <p data-testid="scorecard-mail-off" className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-amber-600/20 ring-inset">
            This server has no mail settings yet (ONEPOOL_SMTP_URL), so nothing is sent. Your subscription is kept; e-mails start once an admin sets it up.
          </p>
        )}
        <InlineError error={change.isError ? change.error : null} />
      </div>
    </section>
  );
}
