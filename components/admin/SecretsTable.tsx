"use client";

import { useState } from "react";
import type { Source, SourceSecret } from "@/client/api/types";
import { useCan } from "@/components/auth/ViewerProvider";
import { formatAbsolute, formatRelative } from "@/client/format/time";
import { When } from "@/components/ui/When";
import { RevokeSecretButton } from "./RevokeSecretButton";
import { TableHead } from "@/components/ui/DataTable";

type Status = "active" | "overlap" | "expired" | "revoked";

const statusOf = (s: SourceSecret): Status => (s.revokedAt ? "revoked" : !s.active ? "expired" : s.expiresAt ? "overlap" : "active");

const STATUS: Record<Status, { label: string; cls: string }> = {
  active: { label: "Active", cls: "bg-emerald-50 text-emerald-800 ring-emerald-600/20" },
  overlap: { label: "Active · expiring", cls: "bg-amber-50 text-amber-800 ring-amber-600/25" },
  expired: { label: "Expired", cls: "bg-slate-100 text-slate-600 ring-slate-400/25" },
  revoked: { label: "Revoked", cls: "bg-slate-100 text-slate-600 ring-slate-400/25" },
};

/** How many inactive secrets to show before "show all". */
const INACTIVE_SHOWN = 2;

/** A source's secrets, newest first: active ones always, older inactive ones folded. */
export function SecretsTable({ source, now }: { source: Source; now: number }) {
  const [all, setAll] = useState(false);
  const canManage = useCan("connectors.manage");
  const newest = [...source.secrets].reverse();
  const active = newest.filter((s) => s.active);
  const inactive = newest.filter((s) => !s.active);
  const shown = all ? newest : [...active, ...inactive.slice(0, INACTIVE_SHOWN)];
  const hidden = newest.length - shown.length;

  if (newest.length === 0) {
    return <p className="px-1 py-2 text-xs text-slate-500">No secrets yet.</p>;
  }
  return (
    <>
      {/* Below sm each secret is a two-line block (hint, status and Revoke; then its dates), so Revoke stays on screen at phone widths. */}
      <table className="w-full border-separate border-spacing-0 text-xs max-sm:block" data-testid="secrets">
        <TableHead
          className="text-slate-500 max-sm:sr-only [&_th]:border-b [&_th]:border-slate-200 [&_th]:px-2 [&_th]:py-1.5 [&_th]:text-left [&_th]:font-medium"
          columns={["Secret", "Status", "Created", "Expires", "Last used", { label: "Actions", hidden: true }]}
        />
        <tbody className="max-sm:block [&_td]:border-b [&_td]:border-slate-100 [&_td]:px-2 [&_td]:py-1.5 [&_td]:align-top max-sm:[&_td]:border-0 max-sm:[&_td]:p-0">
          {shown.map((s) => {
            const st = statusOf(s);
            return (
              <tr
                key={s.id}
                data-testid="secret-row"
                data-status={st}
                className={`max-sm:flex max-sm:flex-wrap max-sm:items-center max-sm:gap-x-3 max-sm:gap-y-0.5 max-sm:border-b max-sm:border-slate-100 max-sm:py-1.5 max-sm:after:order-1 max-sm:after:basis-full max-sm:after:content-[''] ${st === "expired" || st === "revoked" ? "text-slate-400" : "text-slate-700"}`}
              >
                <td className="font-mono font-medium whitespace-nowrap">{s.hint ?? <span title="Only admins see a secret's last characters">••••</span>}</td>
                <td>
                  <span className={`inline-block rounded-full px-1.5 py-px text-[11px] font-medium whitespace-nowrap ring-1 ring-inset ${STATUS[st].cls}`}>{STATUS[st].label}</span>
                </td>
                <td className="whitespace-nowrap max-sm:order-2 max-sm:text-[11px] max-sm:before:text-slate-400 max-sm:before:content-['created_']">
                  <When iso={s.createdAt} now={now} />
                </td>
                <td className="whitespace-nowrap max-sm:order-2 max-sm:text-[11px] max-sm:before:text-slate-400 max-sm:before:content-['expires_']">
                  {s.revokedAt ? <span title={formatAbsolute(s.revokedAt)}>revoked {formatRelative(s.revokedAt, now)}</span> : <When iso={s.expiresAt} now={now} empty="never" />}
                </td>
                <td className="whitespace-nowrap max-sm:order-2 max-sm:text-[11px] max-sm:before:text-slate-400 max-sm:before:content-['last_used_']">
                  <When iso={s.lastUsedAt} now={now} empty="never" />
                </td>
                <td className="text-right max-sm:order-1 max-sm:ml-auto">{canManage && s.active && <RevokeSecretButton code={source.code} secret={s} last={active.length === 1} />}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {(hidden > 0 || all) && inactive.length > INACTIVE_SHOWN && (
        <button type="button" onClick={() => setAll((a) => !a)} className="mt-1 px-2 text-xs font-medium text-slate-500 hover:text-slate-900">
          {all ? "Show fewer" : `Show ${hidden} older secret${hidden === 1 ? "" : "s"}`}
        </button>
      )}
    </>
  );
}
