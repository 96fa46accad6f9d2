"use client";

import { useRef } from "react";
import type { RotatedToken, TokenView } from "@/client/api/types";
import { formatAbsolute, formatRelative } from "@/client/format/time";
import { RowPanel, RowPanelToggle, rowAbovePanelCls } from "@/components/ui/RowPanel";
import { When } from "@/components/ui/When";
import { useRowPanel } from "@/hooks/use-row-panel";
import { RevokeTokenConfirm } from "./RevokeTokenConfirm";
import { RotateTokenForm } from "./RotateTokenForm";
import { stacked } from "./stacked-table";
import { SCOPE_INFO, TOKEN_STATUS, tokenStatus } from "./tokens";

export const TOKEN_COLUMNS = 9;

/** One connector token: who it is for, what it may do, its life so far; rotate and revoke in place. */
/** A token's other limits, shown under its sources when set (empty = any). */
const LIMIT_NAMES = { eventTypes: "event types", locations: "locations", channels: "channels" } as const;

export function TokenRow({ t, now, onRotated }: { t: TokenView; now: number; onRotated(from: TokenView, result: RotatedToken, overlapSeconds: number): void }) {
  // Rotate and Revoke open under the row (the table keeps its columns where they are).
  const rotateRef = useRef<HTMLButtonElement>(null);
  const revokeRef = useRef<HTMLButtonElement>(null);
  const [panel, setPanel, close] = useRowPanel<"rotate" | "revoke">((open) => (open === "rotate" ? rotateRef : revokeRef));
  const st = tokenStatus(t, now);
  const live = st === "active" || st === "expiring";
  const faded = !live;
  // A row that was live when a panel opened and no longer is (revoked, expired) closes it.
  const open = live ? panel : null;
  const toggle = (which: "rotate" | "revoke") => () => setPanel(open === which ? null : which);
  const rotated = (result: RotatedToken, overlapSeconds: number) => {
    setPanel(null);
    onRotated(t, result, overlapSeconds);
  };

  return (
    <>
      <tr data-testid="token-row" data-id={t.id} data-name={t.name} data-prefix={t.prefix} data-status={st} className={rowAbovePanelCls(!!open, faded)}>
        <td className="min-w-[10rem] max-xl:order-1 max-xl:min-w-[8rem] max-xl:flex-1">
          <span className={`font-medium break-words ${faded ? "" : "text-slate-900"}`} title={`id ${t.id}`}>
            {t.name}
          </span>
        </td>
        <td className="font-mono text-xs whitespace-nowrap max-xl:order-3" data-col="prefix">
          {t.prefix}…
        </td>
        <td className="max-xl:order-4">
          <ul className="flex flex-wrap gap-1" aria-label="Scopes">
            {t.scopes.map((s) => {
              const info = SCOPE_INFO[s as keyof typeof SCOPE_INFO];
              return (
                <li
                  key={s}
                  title={info?.help}
                  className={`rounded px-1.5 py-px font-mono text-[11px] font-medium ring-1 ring-inset ${faded ? "bg-slate-50 text-slate-400 ring-slate-300/40" : (info?.cls ?? "bg-slate-50 text-slate-700 ring-slate-400/25")}`}
                >
                  {s}
                </li>
              );
            })}
          </ul>
        </td>
        <td className={`max-w-[16rem] max-xl:order-5 max-xl:max-w-none max-xl:flex max-xl:flex-wrap max-xl:items-center max-xl:gap-x-2 ${stacked.labelled}`} data-col="sources" data-label="Sources">
          {t.sources.length ? (
            <ul className="flex flex-wrap gap-1" aria-label="Allowed sources">
              {t.sources.map((s) => (
                <li key={s} className="rounded bg-slate-50 px-1.5 py-px font-mono text-[11px] break-all ring-1 ring-slate-200 ring-inset">
                  {s}
                </li>
              ))}
            </ul>
          ) : (
            <span className="text-xs text-slate-400" title="Its events may name any source">
              any
            </span>
          )}
          {(["eventTypes", "locations", "channels"] as const).map((k) =>
            t[k]?.length ? (
              <ul key={k} className="mt-1 flex flex-wrap items-center gap-1" aria-label={`Allowed ${LIMIT_NAMES[k]}`} data-limit={k}>
                <li className="text-[11px] text-slate-500">{LIMIT_NAMES[k]}:</li>
                {t[k].map((v) => (
                  <li key={v} className="rounded bg-slate-50 px-1.5 py-px font-mono text-[11px] break-all ring-1 ring-slate-200 ring-inset">
                    {v}
                  </li>
                ))}
              </ul>
            ) : null,
          )}
        </td>
        <td className={`text-xs whitespace-nowrap max-xl:order-6 ${stacked.labelled}`} data-label="Created">
          <When iso={t.createdAt} now={now} />
        </td>
        <td className={`text-xs whitespace-nowrap max-xl:order-7 ${stacked.labelled}`} data-col="expires" data-label="Expires">
          {t.revokedAt ? <span title={formatAbsolute(t.revokedAt)}>revoked {formatRelative(t.revokedAt, now)}</span> : <When iso={t.expiresAt} now={now} empty="never" />}
        </td>
        <td className={`text-xs whitespace-nowrap max-xl:order-8 ${stacked.labelled}`} data-label="Last used">
          <When iso={t.lastUsedAt} now={now} empty="never" />
        </td>
        <td className="max-xl:order-2">
          <span
            data-testid="token-status"
            title={TOKEN_STATUS[st].hint}
            className={`inline-block rounded-full px-1.5 py-px text-[11px] font-medium whitespace-nowrap ring-1 ring-inset ${TOKEN_STATUS[st].cls}`}
          >
            {TOKEN_STATUS[st].label}
          </span>
        </td>
        <td className={`text-right whitespace-nowrap ${stacked.actions}`}>
          {live && (
            <div className="flex items-center justify-end gap-1">
              <RowPanelToggle ref={rotateRef} open={open === "rotate"} onClick={toggle("rotate")} aria-label={`Rotate token ${t.name} (${t.prefix}…)`}>
                Rotate
              </RowPanelToggle>
              <RowPanelToggle ref={revokeRef} tone="danger" open={open === "revoke"} onClick={toggle("revoke")} aria-label={`Revoke token ${t.name} (${t.prefix}…)`}>
                Revoke
              </RowPanelToggle>
            </div>
          )}
        </td>
      </tr>
      {open && (
        <RowPanel columns={TOKEN_COLUMNS}>
          {open === "rotate" ? <RotateTokenForm token={t} now={now} onClose={close} onRotated={rotated} /> : <RevokeTokenConfirm token={t} onClose={close} />}
        </RowPanel>
      )}
    </>
  );
}
