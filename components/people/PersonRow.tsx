"use client";

import { useRouter } from "next/navigation";
import { useRef } from "react";
import type { PersonUpdated, PersonView } from "@/client/api/types";
import { formatAbsolute, formatRelative } from "@/client/format/time";
import { When } from "@/components/ui/When";
import { InlineError } from "@/components/ui/InlineError";
import { RowPanel, RowPanelToggle, rowAbovePanelCls } from "@/components/ui/RowPanel";
import { stacked } from "@/components/admin/stacked-table";
import { smallBtn } from "@/components/ui/form-styles";
import { useRowPanel } from "@/hooks/use-row-panel";
import { useUnlockPerson } from "@/hooks/use-unlock-person";
import { useUpdatePerson } from "@/hooks/use-update-person";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";
import { DeactivateConfirm } from "./DeactivateConfirm";
import { DemoteSelfConfirm } from "./DemoteSelfConfirm";
import { endedText, isDemotion, ROLE_HELP, sessionsText } from "./people";
import { ResetPasswordForm } from "./ResetPasswordForm";

export const PERSON_COLUMNS = 8;

export interface PasswordSet {
  name: string;
  password: string;
  sessionsEnded: number;
  self: boolean;
}

type Panel = { kind: "deactivate" } | { kind: "password" } | { kind: "demote"; to: Role };

/** One person: role in place, status, sessions; deactivate, reactivate and reset the password under the row. */
export function PersonRow({ p, now, self, onNotice, onPasswordSet }: { p: PersonView; now: number; self: boolean; onNotice(message: string): void; onPasswordSet(r: PasswordSet): void }) {
  const router = useRouter();
  const deactivateRef = useRef<HTMLButtonElement>(null);
  const passwordRef = useRef<HTMLButtonElement>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  const [panel, setPanel, close] = useRowPanel<Panel>((open) => (open?.kind === "password" ? passwordRef : open?.kind === "demote" ? selectRef : deactivateRef));
  // Role changes and reactivation happen in the row itself; their refusals (e.g. last_admin) show under it.
  const role = useUpdatePerson((_, v) => onNotice(`${p.name} is now ${ROLE_LABELS[v.body.role!].toLowerCase()}; their open pages reconnect with the new role.`));
  const reactivate = useUpdatePerson(() => onNotice(`Reactivated ${p.name}: they can sign in again with their password.`));
  const unlock = useUnlockPerson(() => onNotice(`Cleared the failed sign-ins of ${p.name}: they can sign in now.`));
  const rowError = role.error ?? reactivate.error ?? unlock.error;
  const shownRole = role.isPending ? role.variables.body.role! : p.role;

  const toggle = (kind: "password" | "deactivate") => () => setPanel(panel?.kind === kind ? null : { kind });
  const changeRole = (to: Role) => {
    reactivate.reset();
    if (to === p.role) return;
    if (self && isDemotion(p.role, to)) setPanel({ kind: "demote", to });
    else role.mutate({ id: p.id, body: { role: to } });
  };
  const deactivated = (r: PersonUpdated) => {
    setPanel(null);
    onNotice(`Deactivated ${p.name}: ${endedText(r.sessionsEnded)}.`);
    // Your own session is gone: the next page load goes to sign-in.
    if (self) window.location.reload();
  };

  return (
    <>
      <tr
        data-testid="person-row"
        data-id={p.id}
        data-email={p.email}
        data-role={p.role}
        data-active={p.active}
        data-you={self || undefined}
        className={rowAbovePanelCls(!!(panel || rowError), !p.active)}
      >
        <td className="min-w-[10rem] max-xl:order-1 max-xl:min-w-[8rem] max-xl:flex-1">
          <span className={`font-medium break-words ${p.active ? "text-slate-900" : ""}`}>{p.name}</span>
          {self && (
            <span
              data-testid="you-badge"
              title="You are signed in as this person"
              className="ml-1.5 inline-block rounded bg-emerald-50 px-1.5 py-px align-[1px] text-[11px] font-medium whitespace-nowrap text-emerald-800 ring-1 ring-emerald-600/20 ring-inset"
            >
              you
            </span>
          )}
        </td>
        {/* An email is one token: never broken across lines (cut with an ellipsis if it must, full text in the tooltip). */}
        <td className={`font-mono text-xs whitespace-nowrap max-xl:order-3 max-xl:truncate ${stacked.full}`} data-col="email" title={p.email}>
          {p.email}
        </td>
        <td className="max-xl:order-4">
          <span className="inline-flex items-center gap-1.5">
            <select
              ref={selectRef}
              data-testid="role-select"
              aria-label={`Role of ${p.name}`}
              title={ROLE_HELP[shownRole]}
              value={shownRole}
              disabled={role.isPending}
              onChange={(e) => changeRole(e.target.value as Role)}
              className="h-7 rounded-md border border-slate-300 bg-white pr-7 pl-2 text-xs font-medium text-slate-700 shadow-xs focus:border-sky-500 focus:ring-2 focus:ring-sky-500/20 focus:outline-none disabled:opacity-60"
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
            {role.isPending && <span role="status" aria-label="Saving" className="inline-block size-3 animate-spin rounded-full border-2 border-slate-300 border-t-slate-600" />}
          </span>
        </td>
        <td className="max-xl:order-2">
          {p.active ? (
            <span
              data-testid="person-status"
              data-status="active"
              className="inline-block rounded-full bg-emerald-50 px-1.5 py-px text-[11px] font-medium whitespace-nowrap text-emerald-800 ring-1 ring-emerald-600/20 ring-inset"
            >
              Active
            </span>
          ) : (
            <span
              data-testid="person-status"
              data-status="deactivated"
              title={p.deactivatedAt ? `Deactivated ${formatAbsolute(p.deactivatedAt)}` : undefined}
              className="inline-block rounded-full bg-slate-100 px-1.5 py-px text-[11px] font-medium whitespace-nowrap text-slate-600 ring-1 ring-slate-400/25 ring-inset"
            >
              Deactivated{p.deactivatedAt ? ` ${formatRelative(p.deactivatedAt, now)}` : ""}
            </span>
          )}
        </td>
        <td className="text-xs whitespace-nowrap max-xl:order-5" data-testid="person-sessions" data-sessions={p.sessions}>
          <span className={p.sessions ? "" : "text-slate-400"}>{sessionsText(p.sessions)}</span>
        </td>
        <td className={`text-xs whitespace-nowrap max-xl:order-6 ${stacked.labelled}`} data-col="last-seen" data-label="Last seen">
          <When iso={p.lastSeenAt} now={now} empty="never" />
        </td>
        <td className={`text-xs whitespace-nowrap max-xl:order-7 ${stacked.labelled}`} data-label="Added">
          <When iso={p.createdAt} now={now} />
        </td>
        <td className={`text-right whitespace-nowrap ${stacked.actions}`}>
          <div className="flex flex-wrap items-center justify-end gap-1">
            {p.signInLockedUntil && (
              <button
                type="button"
                data-testid="unlock-sign-in"
                disabled={unlock.isPending}
                onClick={() => unlock.mutate(p.id)}
                title={`Failed sign-ins hold back new attempts from unknown addresses until ${formatAbsolute(p.signInLockedUntil)}`}
                aria-label={`Unlock sign-in of ${p.name}`}
                className={`${smallBtn} text-amber-800`}
              >
                {unlock.isPending ? "Unlocking…" : "Unlock sign-in"}
              </button>
            )}
            <RowPanelToggle ref={passwordRef} open={panel?.kind === "password"} onClick={toggle("password")} aria-label={`Reset password of ${p.name}`}>
              Reset password
            </RowPanelToggle>
            {p.active ? (
              <RowPanelToggle ref={deactivateRef} tone="danger" open={panel?.kind === "deactivate"} onClick={toggle("deactivate")} aria-label={`Deactivate ${p.name}`}>
                Deactivate
              </RowPanelToggle>
            ) : (
              <button
                ref={deactivateRef}
                type="button"
                disabled={reactivate.isPending}
                onClick={() => {
                  role.reset();
                  reactivate.mutate({ id: p.id, body: { active: true } });
                }}
                aria-label={`Reactivate ${p.name}`}
                className={`${smallBtn} text-emerald-700`}
              >
                {reactivate.isPending ? "Reactivating…" : "Reactivate"}
              </button>
            )}
          </div>
        </td>
      </tr>
      {(panel || rowError) && (
        <RowPanel columns={PERSON_COLUMNS}>
          {panel?.kind === "deactivate" && p.active && <DeactivateConfirm person={p} self={self} onDone={deactivated} onCancel={close} />}
          {panel?.kind === "password" && (
            <ResetPasswordForm
              person={p}
              self={self}
              onCancel={close}
              onDone={(r, password) => {
                setPanel(null);
                onPasswordSet({ name: p.name, password, sessionsEnded: r.sessionsEnded, self });
              }}
            />
          )}
          {panel?.kind === "demote" && (
            <DemoteSelfConfirm
              person={p}
              to={panel.to}
              onCancel={close}
              onDone={() => {
                setPanel(null);
                // The page and header follow the new role (this page may now be closed to you).
                router.refresh();
              }}
            />
          )}
          {!panel && <InlineError error={rowError} testId="person-error" />}
        </RowPanel>
      )}
    </>
  );
}
