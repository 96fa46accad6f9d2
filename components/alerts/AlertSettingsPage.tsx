"use client";

import { useMemo, useState } from "react";
import { type UseFormRegister, useForm } from "react-hook-form";
import { useCan } from "@/components/auth/ViewerProvider";
import { ApiError } from "@/client/api/fetch-json";
import { errorText } from "@/client/api/error-text";
import { formatDuration } from "@/client/format/numbers";
import { ErrorPanel } from "@/components/ui/ErrorPanel";
import { LoadingRegion, SkeletonRows } from "@/components/ui/Skeleton";
import { inputCls, primaryBtn, secondaryBtn } from "@/components/ui/form-styles";
import { contractResolver } from "@/components/ui/contract-resolver";
import { useAlertSettings, useSaveAlertSettings, type AlertSettingsView } from "@/hooks/use-alerts";
import { ALERT_KINDS, type AlertKind } from "@/lib/alerts/kinds";
import { alertSettingsPatchSchema } from "@/lib/contracts/alerts";
import type { AlertSettingsPatch } from "@/lib/alerts/settings";
import { kindLabel } from "./alert-text";
import { AlertsTabs } from "./AlertsTabs";
import { FOR_SECONDS, issuesByField, KIND_HELP, parseSettingInput, SETTING_FIELDS, settingsPatch, type SettingField } from "./setting-fields";

type Values = Record<string, Record<string, unknown>>;
/** The form holds what was typed, as text (numbers) or booleans (enabled). */
type Draft = Record<string, Record<string, string | boolean>>;

const toDraft = (s: Values): Draft => Object.fromEntries(Object.entries(s).map(([k, f]) => [k, Object.fromEntries(Object.entries(f).map(([n, v]) => [n, typeof v === "boolean" ? v : String(v)]))]));
const fromDraft = (d: Draft): Values =>
  Object.fromEntries(Object.entries(d).map(([k, f]) => [k, Object.fromEntries(Object.entries(f).map(([n, v]) => [n, typeof v === "boolean" ? v : parseSettingInput(v)]))]));

const hint = (f: SettingField, v: unknown) => (f.unit === "seconds" && typeof v === "number" ? (v === 0 ? "at once" : formatDuration(v * 1000)) : null);

/** `/admin/alert-settings`: thresholds and durations per kind (docs/ALERTS.md), with the defaults beside each. */
export function AlertSettingsPage() {
  const q = useAlertSettings();
  const canEdit = useCan("alerts.settings");
  return (
    <main className="mx-auto max-w-[1600px] px-4 py-4" data-testid="alert-settings-page">
      <AlertsTabs current="settings" />
      <h1 className="text-lg font-semibold text-slate-900">Alert settings</h1>
      <p className="mt-0.5 max-w-2xl text-sm text-slate-600" data-testid="alert-settings-note">
        When each kind of alert opens.{" "}
        {canEdit ? "Saving re-checks the alerts under the new settings at once; every change is in the audit log with your name." : "Admins change these; you can see why an alert opened."}
      </p>
      <div className="mt-4">
        {q.isError && !q.data ? (
          <ErrorPanel title="Couldn't load the alert settings" error={q.error} onRetry={() => void q.refetch()} retrying={q.isFetching} />
        ) : q.data ? (
          <SettingsForm view={q.data} readOnly={!canEdit} />
        ) : (
          <LoadingRegion testId="alert-settings-loading" label="Loading the alert settings…">
            <SkeletonRows rows={10} rowClassName="h-8" />
          </LoadingRegion>
        )}
      </div>
    </main>
  );
}

function SettingsForm({ view, readOnly }: { view: AlertSettingsView; readOnly: boolean }) {
  const saved = view.settings as unknown as Values;
  const defaults = view.defaults as unknown as Values;
  // The PUT's own schema (lib/contracts/alerts.ts) checks the changed fields; a refusal lands on its input ("kind.field").
  const resolver = useMemo(
    () =>
      contractResolver(
        alertSettingsPatchSchema,
        (d: Draft) => settingsPatch(saved, fromDraft(d)) ?? {},
        (path) => (path.split(".").length >= 2 ? path.split(".").slice(0, 2).join(".") : null),
      ),
    [saved],
  );
  // A refusal stays until the next save, as the server's would (reValidateMode onSubmit).
  const { register, handleSubmit, watch, reset, formState } = useForm<Draft, unknown, AlertSettingsPatch>({ resolver, reValidateMode: "onSubmit", defaultValues: toDraft(saved) });
  const [savedNote, setSavedNote] = useState(false);
  const save = useSaveAlertSettings((v) => {
    reset(toDraft(v.settings as unknown as Values));
    setSavedNote(true);
  });
  const draft = watch();
  const patch = settingsPatch(saved, fromDraft(draft));
  const local = Object.fromEntries(Object.entries(formState.errors as Record<string, { message?: string }>).map(([k, e]) => [k, e?.message ?? ""]));
  const issues = { ...(save.error instanceof ApiError ? issuesByField(save.error.details) : {}), ...local };
  const unplaced = save.error && Object.keys(issues).length === 0;

  return (
    <form noValidate data-testid="alert-settings-form" onSubmit={(e) => void handleSubmit((body) => save.mutate(body))(e)}>
      <fieldset disabled={readOnly} className="grid gap-3 md:grid-cols-2 2xl:grid-cols-3">
        {ALERT_KINDS.map((kind) => (
          <KindCard key={kind} kind={kind} draft={draft[kind] ?? {}} defaults={defaults[kind] ?? {}} issues={issues} register={register} onChange={() => setSavedNote(false)} />
        ))}
      </fieldset>
      {!readOnly && (
        <div className="sticky bottom-0 mt-4 flex flex-wrap items-center justify-end gap-3 border-t border-slate-200 bg-slate-50/95 py-3">
          {unplaced && (
            <p role="alert" data-testid="alert-settings-error" className="mr-auto text-xs text-rose-700">
              {errorText(save.error)}
            </p>
          )}
          {Object.keys(issues).length > 0 && (
            <p role="alert" data-testid="alert-settings-error" className="mr-auto text-xs text-rose-700">
              Nothing was saved: fix the marked field{Object.keys(issues).length > 1 ? "s" : ""}.
            </p>
          )}
          {savedNote && !patch && (
            <p role="status" data-testid="alert-settings-saved" className="mr-auto text-xs text-emerald-700">
              Saved. The alerts were re-checked under the new settings.
            </p>
          )}
          <button type="button" className={secondaryBtn} disabled={!patch || save.isPending} onClick={() => (reset(toDraft(saved)), save.reset())}>
            Discard changes
          </button>
          <button type="submit" data-testid="alert-settings-save" className={primaryBtn} disabled={!patch || save.isPending}>
            {save.isPending ? "Saving…" : patch ? `Save ${Object.values(patch).reduce((n, f) => n + Object.keys(f).length, 0)} change(s)` : "Save"}
          </button>
        </div>
      )}
    </form>
  );
}

function KindCard({
  kind,
  draft,
  defaults,
  issues,
  register,
  onChange,
}: {
  kind: AlertKind;
  draft: Record<string, string | boolean>;
  defaults: Record<string, unknown>;
  issues: Record<string, string>;
  register: UseFormRegister<Draft>;
  onChange(): void;
}) {
  const enabled = draft.enabled !== false;
  const fields: [string, SettingField][] = [...Object.entries(SETTING_FIELDS[kind]), ["forSeconds", FOR_SECONDS]];
  return (
    <section data-testid={`settings-${kind}`} className={`rounded-lg border bg-white p-3 shadow-xs ${enabled ? "border-slate-200" : "border-dashed border-slate-300"}`}>
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="text-sm font-semibold text-slate-900">{kindLabel(kind)}</h2>
          <p className="text-xs text-slate-500">
            {KIND_HELP[kind]} <span className="font-mono text-[11px] text-slate-400">{kind}</span>
          </p>
        </div>
        <label className="inline-flex shrink-0 items-center gap-1.5 text-xs font-medium text-slate-700">
          <input type="checkbox" data-testid={`setting-${kind}-enabled`} {...register(`${kind}.enabled`, { onChange })} className="size-4 accent-slate-900" />
          On
        </label>
      </div>
      {issues[`${kind}.enabled`] && <p className="mt-1 text-xs text-rose-700">{issues[`${kind}.enabled`]}</p>}
      <div className={`mt-2 grid grid-cols-2 gap-x-3 gap-y-2 ${enabled ? "" : "opacity-60"}`}>
        {fields.map(([name, f]) => {
          const id = `setting-${kind}-${name}`;
          const text = String(draft[name] ?? "");
          const issue = issues[`${kind}.${name}`];
          const typed = parseSettingInput(text);
          const def = defaults[name];
          const changed = typed !== def;
          return (
            <div key={name} className="min-w-0">
              <label htmlFor={id} className="block text-xs font-medium text-slate-700">
                {f.label} <span className="font-normal text-slate-500">({f.unit})</span>
              </label>
              <input
                id={id}
                data-testid={id}
                inputMode="decimal"
                className={`${inputCls} mt-0.5 tabular-nums`}
                {...register(`${kind}.${name}`, { onChange })}
                aria-invalid={issue ? true : undefined}
                aria-describedby={`${id}-msg`}
                title={f.help}
              />
              <p id={`${id}-msg`} className={`mt-0.5 text-[11px] ${issue ? "text-rose-700" : "text-slate-500"}`}>
                {issue ?? (
                  <>
                    {hint(f, typed) && <span className="text-slate-700">{hint(f, typed)} · </span>}
                    <span className={changed ? "font-medium text-amber-700" : ""}>default {String(def)}</span>
                  </>
                )}
              </p>
            </div>
          );
        })}
      </div>
    </section>
  );
}
