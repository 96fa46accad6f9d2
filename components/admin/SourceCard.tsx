"use client";

import { useRef, useState } from "react";
import type { Source } from "@/client/api/types";
import { useCan } from "@/components/auth/ViewerProvider";
import { formatInt } from "@/client/format/numbers";
import { formatAbsolute, formatRelative } from "@/client/format/time";
import { CopyButton } from "@/components/ui/CopyButton";
import { ERROR_RATE_LIMIT, formatPercent, judgeHealth } from "./health";
import { HealthFigures } from "./HealthFigures";
import { HealthPill } from "./HealthPill";
import { LastEventStat } from "./LastEventStat";
import { Stat } from "@/components/ui/Stat";
import { providerInfo, providerLabel } from "./providers";
import { RotateSecretForm } from "./RotateSecretForm";
import { SecretsTable } from "./SecretsTable";
import { sourceAnchor } from "./source-anchors";

const btn = "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50";

/** One registered source: where it posts, how healthy it is, its location mapping and its secrets. */
export function SourceCard({ source: s, origin, now, highlighted = false, onEdit }: { source: Source; origin: string; now: number; highlighted?: boolean; onEdit(): void }) {
  const [rotating, setRotating] = useState(false);
  const rotateRef = useRef<HTMLButtonElement>(null);
  const closeRotate = () => {
    setRotating(false);
    // Back to the button that opened the form (it is rendered again on the next commit).
    setTimeout(() => rotateRef.current?.focus());
  };
  const canManage = useCan("connectors.manage");
  const info = providerInfo(s.provider);
  const h = s.health;
  const verdict = judgeHealth(h, s.createdAt, now);
  const url = origin + s.webhookPath;
  const locations = Object.entries(s.locations);
  const activeSecrets = s.secrets.filter((x) => x.active).length;

  return (
    <article
      id={sourceAnchor(s.code)}
      data-testid="source-card"
      data-source={s.code}
      data-highlighted={highlighted || undefined}
      aria-labelledby={`source-${s.code}-title`}
      className={`scroll-mt-16 rounded-lg border bg-white shadow-xs ${highlighted ? "border-sky-400 ring-2 ring-sky-400" : "border-slate-200"}`}
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1.5 border-b border-slate-100 px-4 py-2.5">
        <h2 id={`source-${s.code}-title`} className="font-mono text-[15px] font-semibold break-all text-slate-900">
          {s.code}
        </h2>
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">{providerLabel(s.provider)}</span>
        <span className="text-xs text-slate-500">
          channel {s.channel ? <span className="font-mono font-medium text-slate-700">{s.channel}</span> : <span className="text-slate-400 italic">none</span>}
        </span>
        <HealthPill verdict={verdict} />
        <span className="text-xs text-slate-400" title={`Created ${formatAbsolute(s.createdAt)}\nUpdated ${formatAbsolute(s.updatedAt)}`}>
          updated {formatRelative(s.updatedAt, now)}
        </span>
        {canManage && (
          <div className="ml-auto flex gap-2">
            <button type="button" onClick={onEdit} className={btn} aria-label={`Edit source ${s.code}`}>
              Edit
            </button>
          </div>
        )}
      </header>

      <div className="grid lg:grid-cols-[minmax(0,1fr)_minmax(0,1.1fr)] lg:divide-x lg:divide-slate-100">
        {/* A container: the health numbers take 6 columns only when this half is wide enough. */}
        <div className="@container space-y-3 px-4 py-3">
          <div>
            <p className="text-[11px] font-medium text-slate-500">Webhook URL</p>
            <div className="mt-0.5 flex items-center gap-2">
              <code data-testid="webhook-url" className="min-w-0 flex-1 rounded bg-slate-50 px-2 py-1 font-mono text-xs break-all text-slate-800 ring-1 ring-slate-200">
                {url}
              </code>
              <CopyButton value={url} what={`the webhook URL of ${s.code}`} />
            </div>
            {info?.appIds && (
              <p className="mt-1 text-xs text-slate-500">
                MercadoLibre notifications: this URL with <code className="rounded bg-slate-100 px-1">?key=&lt;notification key&gt;</code>; the relay posts fetched resources to it without the key,
                signed.
              </p>
            )}
          </div>

          <HealthFigures of="source" name={s.code} verdict={verdict} eventsPerMinute={h.eventsPerMinute} className="grid grid-cols-2 gap-x-4 gap-y-2 @sm:grid-cols-3 @lg:grid-cols-6">
            <LastEventStat
              at={h.lastEventAt}
              now={now}
              tone={verdict.level === "waiting" ? "text-slate-500" : verdict.reasons.some((r) => r.startsWith("no event")) ? "text-amber-700" : "text-slate-900"}
              none={verdict.level === "waiting" ? "none yet" : "none in 24 h"}
              noneHint={verdict.level === "waiting" ? `Registered ${formatAbsolute(s.createdAt)}; nothing received yet` : "No delivery with accepted events in the last 24 h"}
              testId="health-last-event"
            />
            <Stat size="sm" label="Deliveries 1 h" hint={h.lastDeliveryAt ? `Last delivery ${formatAbsolute(h.lastDeliveryAt)}` : "No delivery in the last 24 h"}>
              {formatInt(h.deliveriesLastHour)}
            </Stat>
            <Stat size="sm" label="Error rate 1 h" tone={h.errorRate > ERROR_RATE_LIMIT ? "text-rose-700" : "text-slate-900"} hint="Deliveries refused or with rejected events, over the last hour">
              {h.deliveriesLastHour === 0 ? <span className="text-slate-400">—</span> : formatPercent(h.errorRate)}
            </Stat>
            <Stat
              size="sm"
              label="Sig. failures 24 h"
              tone={h.signatureFailures24h > 0 ? "text-rose-700" : "text-slate-900"}
              hint="Deliveries refused for a bad or missing signature (or notification key): a security event"
            >
              {formatInt(h.signatureFailures24h)}
            </Stat>
            <Stat
              size="sm"
              label="Rate-limited"
              tone={h.rateLimitedSinceStart > 0 ? "text-amber-700" : "text-slate-900"}
              hint={`Requests refused with 429 since the server started; limit ${formatInt(s.rateLimitPerMinute)} per minute`}
            >
              {formatInt(h.rateLimitedSinceStart)}
              <span className="ml-1 text-[11px] font-normal text-slate-400">of {formatInt(s.rateLimitPerMinute)}/min</span>
            </Stat>
          </HealthFigures>

          {info?.usesLocations !== false && (
            <div>
              <p className="text-[11px] font-medium text-slate-500">Locations (provider key → Onepool location)</p>
              {locations.length ? (
                <ul className="mt-1 flex flex-wrap gap-1.5" data-testid="source-locations">
                  {locations.map(([k, v]) => (
                    <li key={k} className="rounded bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-700 ring-1 ring-slate-200">
                      {k} <span className="text-slate-400">→</span> {v}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="mt-0.5 text-xs text-amber-800">None mapped: events that need a location are rejected until one is.{canManage ? " Edit to add them." : ""}</p>
              )}
            </div>
          )}
          {info?.appIds && (
            <p className="text-xs text-slate-600">
              Application id <span className="font-mono">{s.applicationId ?? "—"}</span> · user id <span className="font-mono">{s.userId ?? "—"}</span> · notification key{" "}
              {s.hasNotificationKey ? <span className="font-medium text-emerald-700">set</span> : <span className="font-medium text-amber-700">not set</span>}
            </p>
          )}
        </div>

        <div className="border-t border-slate-100 px-4 py-3 lg:border-t-0">
          <div className="mb-1.5 flex items-center gap-2">
            <h3 className="text-[11px] font-medium text-slate-500">
              Signing secrets <span className="text-slate-400">· {activeSecrets} active</span>
            </h3>
            {canManage && !rotating && (
              <button ref={rotateRef} type="button" onClick={() => setRotating(true)} className={`${btn} ml-auto`} aria-label={`Rotate secret of ${s.code}`}>
                Rotate secret
              </button>
            )}
          </div>
          {activeSecrets === 0 && !rotating && (
            <p role="note" className="mb-2 rounded-md bg-rose-50 px-2.5 py-1.5 text-xs text-rose-800 ring-1 ring-rose-600/20 ring-inset">
              No active secret: every signed delivery is refused.{canManage ? " Rotate to add one." : ""}
            </p>
          )}
          {canManage && rotating && (
            <div className="mb-2">
              <RotateSecretForm source={s} now={now} onClose={closeRotate} />
            </div>
          )}
          {s.secrets.length > 0 && <SecretsTable source={s} now={now} />}
        </div>
      </div>
    </article>
  );
}
