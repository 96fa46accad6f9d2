import { PauseControl } from "@/components/pauses/PauseControl";
import { latencyText, type RulesChannel } from "./rules-catalog";

/** The selected channel: name, kind, configured latency (what dynamic buffers multiply), and its pause. */
export function ChannelHeader({ channel }: { channel: RulesChannel }) {
  const noLatency = channel.latencyMinutes === null || channel.latencyMinutes === undefined;
  return (
    <div data-testid="channel-header" data-channel={channel.code} className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
      <div className="min-w-0">
        <h2 className="flex items-baseline gap-2 text-base font-semibold text-slate-900">
          {channel.name || channel.code}
          <span className="font-mono text-xs font-normal text-slate-400">{channel.code}</span>
        </h2>
        <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-slate-500">
          <span className="rounded bg-slate-100 px-1.5 py-px font-medium text-slate-700" data-testid="channel-kind">
            {channel.kind}
          </span>
          <span data-testid="channel-latency" title={noLatency ? "Dynamic buffers (velocity × latency × k) withhold nothing until a latency is configured or measured." : "Configured time for a stock change to reach the channel; dynamic buffers multiply it."}>
            {latencyText(channel)}
          </span>
        </p>
      </div>
      <div className="ml-auto">
        <PauseControl channel={channel.code} />
      </div>
    </div>
  );
}
