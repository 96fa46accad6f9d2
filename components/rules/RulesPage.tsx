"use client";

import { useState } from "react";
import { ReadOnlyNote } from "@/components/admin/ReadOnlyNote";
import { useCan } from "@/components/auth/ViewerProvider";
import { ErrorPanel } from "@/components/ui/ErrorPanel";
import { useCatalog } from "@/hooks/use-catalog";
import { ChannelPicker } from "./ChannelPicker";
import { ChannelRules } from "./ChannelRules";
import { NoChannels } from "./NoChannels";
import { catalogChannels, catalogTags } from "./rules-catalog";
import { RulesSkeleton } from "./RulesSkeleton";
import { PageHeader } from "@/components/ui/PageHeader";
import { useParamsInUrl } from "@/hooks/use-params-in-url";

/** `/rules`: per channel, the rules that decide how much of the one stock pool it may show (docs/CHANNEL-RULES.md). */
export function RulesPage({ initialChannel, initialRule = null }: { initialChannel: string | null; initialRule?: string | null }) {
  const canWrite = useCan("rules.write");
  const catalog = useCatalog();
  const channels = catalogChannels(catalog.data);
  const [picked, setPicked] = useState<string | null>(initialChannel);
  // The rule an explanation linked to; another tab leaves it behind.
  const [linkedRule, setLinkedRule] = useState<string | null>(initialRule);
  // An unknown channel in the URL falls back to the first one, and says so.
  const channel = channels.find((c) => c.code === picked) ?? channels[0] ?? null;
  const unknown = catalog.data && picked !== null && !channels.some((c) => c.code === picked) ? picked : null;
  // Only once the channel is known (the catalogue came): until then the address keeps what was asked for.
  const shownChannel = catalog.data ? (channel?.code ?? null) : null;
  useParamsInUrl({ channel: shownChannel, rule: linkedRule }, shownChannel !== null);

  let body: React.ReactNode;
  if (catalog.isError && !catalog.data) body = <ErrorPanel title="Couldn't load the channels" error={catalog.error} onRetry={() => void catalog.refetch()} retrying={catalog.isFetching} />;
  else if (!catalog.data) body = <RulesSkeleton />;
  else if (!channel) body = <NoChannels />;
  else
    body = (
      <>
        <ChannelPicker
          channels={channels}
          value={channel.code}
          onChange={(code) => {
            setPicked(code);
            setLinkedRule(null);
          }}
        />
        {unknown && (
          <p role="status" data-testid="rules-unknown-channel" className="mb-3 text-xs text-amber-800">
            No channel “{unknown}” in the catalogue; showing {channel.name || channel.code}.
          </p>
        )}
        <ChannelRules channel={channel} tags={catalogTags(catalog.data)} canWrite={canWrite} linkedRule={linkedRule} />
      </>
    );

  return (
    <main className="mx-auto max-w-[1600px] px-4 py-4" data-testid="rules-page">
      <PageHeader title="Channel rules" description="How much of the one stock pool each channel may show: buffers withhold units, reserves keep them for one channel, limits bound the number.">
        {!canWrite && <ReadOnlyNote className="ml-auto">Read only: merchandisers and above change rules</ReadOnlyNote>}
      </PageHeader>
      {body}
    </main>
  );
}
