import { LatencyText } from "@/components/outbound/LatencyText";
import { PauseControl } from "@/components/pauses/PauseControl";
import type { ChannelLatency } from "@/client/api/types";
import type { RulesChannel } from "./rules-catalog";

/** The selected channel: name, kind, the latency its dynamic buffers multiply (as the numbers use it), and its pause. */
export function ChannelHeader({ channel, latency }: { channel: RulesChannel; latency: ChannelLatency | null }) {
  return (
    <div data-testid="channel-header" data-channel={channel.code} className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
      <div className="min-w-0">
        <h2 className="flex flex-wrap items-baseline gap-x-2 text-base font-semibold text-slate-900">
          {channel.name || channel.code}
          <span className="font-mono text-xs font-normal text-slate-400">{channel.code}</span>
        </h2>
        <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-slate-500">
          <span className="rounded bg-slate-100 px-1.5 py-px font-medium text-slate-700" data-testid="channel-kind">
            {channel.kind}
          </span>
          <span data-testid="channel-latency">Latency {latency ? <LatencyText latency={latency} className="text-slate-700" /> : <span className="text-slate-400">…</span>}</span>
        </p>
      </div>
      <div className="ml-auto">
        <PauseControl channel={channel.code} />
      </div>
    </div>
  );
}
