"use client";

import { DoneNotice } from "@/components/ui/DoneNotice";
import { useState } from "react";
import type { Rule } from "@/client/api/types";
import { ErrorPanel } from "@/components/ui/ErrorPanel";
import { useNow } from "@/hooks/use-now";
import { useRules } from "@/hooks/use-rules";
import { AddRuleBar } from "./AddRuleBar";
import { ChannelHeader } from "./ChannelHeader";
import { channelPanelId, channelTabId } from "./ChannelPicker";
import { changedRule, type LastChange } from "./last-change";
import { RuleEditor, type EditorTarget } from "./RuleEditor";
import { RuleHistory } from "./RuleHistory";
import type { RulesChannel } from "./rules-catalog";
import { RulesEmptyState } from "./RulesEmptyState";
import { RulesTable } from "./RulesTable";
import { UndoStrip } from "./UndoStrip";
import { RefreshFailedNote } from "@/components/ui/RefreshFailedNote";

/** One channel's tab panel: header with its pause, add controls, the last change's undo, the rules, their history. */
export function ChannelRules({ channel, tags, canWrite, linkedRule = null }: { channel: RulesChannel; tags: string[] | null; canWrite: boolean; linkedRule?: string | null }) {
  const now = useNow(15_000);
  const q = useRules(channel.code);
  const rules = q.data?.rules ?? null;
  const [editor, setEditor] = useState<{ target: EditorTarget; key: number } | null>(null);
  // Only the last change can be undone, and only from this page's memory.
  const [last, setLast] = useState<LastChange | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const channelDefault = rules?.find((r) => r.scope === "channel") ?? null;
  const latency = q.data?.latencies?.find((l) => l.channel === channel.code) ?? null;
  const open = (target: EditorTarget) => setEditor((e) => ({ target, key: (e?.key ?? 0) + 1 }));
  const changed = (c: LastChange) => {
    setNotice(null);
    setLast(c);
  };
  const editById = async (id: string) => {
    const fresh = await q.refetch();
    const rule = fresh.data?.rules.find((r) => r.id === id);
    if (rule) open({ kind: "edit", rule });
    else setEditor(null);
  };
  const recentId = last && last.kind !== "deleted" ? changedRule(last).id : null;
  const linkedMissing = linkedRule !== null && rules !== null && !rules.some((r) => r.id === linkedRule);

  let body: React.ReactNode;
  if (q.isError && !rules) body = <ErrorPanel title={`Couldn't load the rules of ${channel.name || channel.code}`} error={q.error} onRetry={() => void q.refetch()} retrying={q.isFetching} />;
  else if (rules && rules.length === 0)
    body = <RulesEmptyState channelName={channel.name || channel.code} canWrite={canWrite} onSetDefault={() => open({ kind: "new", scope: { channel: channel.code } })} />;
  else
    body = (
      <RulesTable
        rules={rules}
        now={now}
        canWrite={canWrite}
        recentId={recentId}
        linkedId={linkedRule}
        onEdit={(rule: Rule) => open({ kind: "edit", rule })}
        onDeleted={(rule) => changed({ kind: "deleted", rule })}
        onSetDefault={() => open({ kind: "new", scope: { channel: channel.code } })}
      />
    );

  return (
    <div role="tabpanel" id={channelPanelId(channel.code)} aria-labelledby={channelTabId(channel.code)} data-channel={channel.code}>
      <ChannelHeader channel={channel} latency={latency} />
      {canWrite && rules && <AddRuleBar channel={channel.code} rules={rules} tags={tags} onNew={(scope) => open({ kind: "new", scope })} onEdit={(rule) => open({ kind: "edit", rule })} />}
      {last && (
        <UndoStrip
          change={last}
          onDismiss={() => setLast(null)}
          onUndone={(m) => {
            setLast(null);
            setNotice(m);
          }}
        />
      )}
      {notice && (
        <DoneNotice testId="rules-notice" tone="info" onDismiss={() => setNotice(null)}>
          {notice}
        </DoneNotice>
      )}
      {linkedMissing && (
        <p role="status" data-testid="rules-linked-missing" className="mb-3 text-xs text-amber-800">
          The rule you followed is no longer on {channel.name || channel.code}: it was deleted since. These are the channel&apos;s rules now.
        </p>
      )}
      {q.isError && rules && <RefreshFailedNote shown="rules received" onRetry={() => void q.refetch()} className="mb-2" />}
      {body}
      <RuleHistory channel={channel.code} rules={rules} now={now} />
      {editor && (
        <RuleEditor
          key={editor.key}
          target={editor.target}
          channel={channel}
          channelDefault={channelDefault}
          latency={latency}
          onEditExisting={(id) => void editById(id)}
          onClose={(change) => {
            setEditor(null);
            if (change) changed(change);
          }}
        />
      )}
    </div>
  );
}
