"use client";

import { useRetryPushes } from "@/hooks/use-retry-pushes";
import { InlineError } from "@/components/ui/InlineError";

/** For admins, once the cause is fixed: send the channel's waiting pushes now instead of at the next backoff (up to 5 min). */
export function RetryNowButton({ channel }: { channel: string }) {
  const retry = useRetryPushes();
  return (
    <span className="shrink-0 whitespace-nowrap">
      <button
        type="button"
        data-testid="outbound-retry-now"
        onClick={() => retry.mutate(channel)}
        disabled={retry.isPending}
        className="rounded border border-slate-300 bg-white px-1.5 py-px text-[11px] font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
        title="Send this channel's waiting pushes now"
      >
        {retry.isPending ? "Retrying…" : "Retry now"}
      </button>
      <InlineError as="span" error={retry.isError ? retry.error : null} className="ml-1.5" />
    </span>
  );
}
