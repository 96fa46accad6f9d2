"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import { type Resolver, useForm } from "react-hook-form";
import { ApiError } from "@/client/api/fetch-json";
import { fieldMessage } from "@/client/api/error-text";
import type { ChannelLatency, Rule, RulePreviewBody } from "@/client/api/types";
import { LatencyText } from "@/components/outbound/LatencyText";
import { AdminActionError } from "@/components/admin/AdminActionError";
import { ConfirmStrip } from "@/components/ui/ConfirmStrip";
import { primaryBtn, secondaryBtn, smallBtn } from "@/components/ui/form-styles";
import { useNow } from "@/hooks/use-now";
import { useRulePreview } from "@/hooks/use-rule-preview";
import { useSaveRule } from "@/hooks/use-save-rule";
import type { LastChange } from "./last-change";
import { changedFields, createBody, draftOf, EMPTY_DRAFT, FIELD_GROUPS, FIELD_META, fieldsOf, RULE_FIELDS, setFieldsOf, validate, type Draft, type NewScope, type RuleField } from "./rule-form";
import { fallbackText, formatField, scopeOf, scopePhrase } from "./rule-labels";
import { RuleFieldInput } from "./RuleFieldInput";
import { RulePreviewPanel } from "./RulePreviewPanel";
import type { RulesChannel } from "./rules-catalog";
import { StaleNotice } from "./StaleNotice";

/** The route's own schema checks the draft (rule-form.ts `validate`, lib/contracts/rules.ts), in the form's words. */
const ruleResolver: Resolver<Draft> = (draft) => {
  const problems = validate(draft);
  if (Object.keys(problems).length === 0) return { values: draft, errors: {} };
  return { values: {}, errors: Object.fromEntries(Object.entries(problems).map(([f, message]) => [f, { type: "contract", message }])) };
};

export type EditorTarget = { kind: "edit"; rule: Rule } | { kind: "new"; scope: NewScope };

const isField = (f: string | null | undefined): f is RuleField => !!f && (RULE_FIELDS as readonly string[]).includes(f);

/** What an empty field falls back to, in words (docs/CHANNEL-RULES.md: SKU > tag rules > channel default > 0). */
function inheritHint(f: RuleField, scope: NewScope, channelDefault: Rule | null): string {
  if (!scope.sku && !scope.tag) return `Empty: not set (${fallbackText(f)}).`;
  const d = channelDefault?.[f];
  const def = d !== null && d !== undefined ? formatField(f, d) : `not set, ${fallbackText(f)}`;
  return scope.sku ? `Empty: its tag rules, else the default (${def}).` : `Empty: earlier tag rules, else the default (${def}).`;
}

/**
 * Edit a rule or create one, in a side panel, with a live preview of what saving would change.
 * Saves with the version read: if someone saved first, says so and offers their version.
 */
export function RuleEditor({
  target,
  channel,
  channelDefault,
  latency,
  onClose,
  onEditExisting,
}: {
  target: EditorTarget;
  channel: RulesChannel;
  channelDefault: Rule | null;
  latency: ChannelLatency | null;
  onClose(change?: LastChange): void;
  onEditExisting(id: string): void;
}) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const done = useRef<LastChange | undefined>(undefined);
  const now = useNow(15_000);
  // The rule as last read; replaced when someone else's version is loaded, dropped if it was deleted meanwhile.
  const [base, setBase] = useState<Rule | null>(target.kind === "edit" ? target.rule : null);
  const scope: NewScope = useMemo(() => {
    const r = target.kind === "edit" ? target.rule : null;
    return r ? { channel: r.channel, ...(r.sku ? { sku: r.sku } : r.tag ? { tag: r.tag } : {}) } : target.kind === "new" ? target.scope : { channel: channel.code };
  }, [target, channel.code]);
  // Every change re-checks the whole draft (a min above the max is the pair's problem), so the marks show as you type.
  const { handleSubmit, watch, setValue, reset, trigger, formState } = useForm<Draft>({
    resolver: ruleResolver,
    mode: "onChange",
    defaultValues: target.kind === "edit" ? draftOf(target.rule) : EMPTY_DRAFT,
  });
  const draft = watch();
  const save = useSaveRule((rule, vars) => {
    done.current = vars.kind === "create" ? { kind: "created", rule } : { kind: "updated", before: base!, after: rule };
    ref.current?.close();
  });

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    // Start in the first field rather than on the close button.
    d?.querySelector<HTMLElement>("[data-field]")?.focus();
  }, []);

  const local = formState.errors;
  const valid = Object.keys(local).length === 0;
  const changes = base ? changedFields(base, draft) : setFieldsOf(draft);
  const hasChanges = Object.keys(changes).length > 0;
  // Closing with unsaved edits asks first (in the footer); Esc there, or Keep editing, goes back.
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const focusBefore = useRef<HTMLElement | null>(null);
  const requestClose = () => {
    if (!hasChanges || save.isPending) return ref.current?.close();
    if (confirmDiscard) return;
    focusBefore.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setConfirmDiscard(true);
  };
  const keepEditing = () => {
    setConfirmDiscard(false);
    const back = focusBefore.current?.isConnected ? focusBefore.current : ref.current?.querySelector<HTMLElement>("[data-field]");
    setTimeout(() => back?.focus());
  };

  let previewBody: RulePreviewBody | null = null;
  let idle: string | null = null;
  if (!valid) idle = "Fix the marked fields to see what this rule would change.";
  else if (!hasChanges) idle = base ? "Change a field to see what it would do to published numbers." : "Set at least one field: a rule with none changes nothing.";
  else previewBody = base ? { id: base.id, ...fieldsOf(draft) } : createBody(scope, draft);
  const preview = useRulePreview(previewBody);

  const err = save.error instanceof ApiError ? save.error : null;
  const stale = err?.code === "stale_version";
  const staleCurrent = stale ? ((err.details as { current?: Rule } | undefined)?.current ?? null) : null;
  const existingId = err?.code === "rule_exists" ? (err.details as { id?: unknown } | undefined)?.id : undefined;
  const gone = base !== null && err?.status === 404;
  // The form's own checks show as you type; the API's (on save or preview) land on the field it names.
  const errorOf = (f: RuleField) => local[f]?.message ?? fieldMessage(save.error, f) ?? fieldMessage(preview.error, f);
  const serverField = isField(err?.field) ? err.field : null;

  useEffect(() => {
    if (serverField) ref.current?.querySelector<HTMLElement>(`[data-field="${serverField}"]`)?.focus();
  }, [serverField]);

  const set = (f: RuleField, v: string) => {
    setValue(f, v);
    void trigger();
    if (serverField === f) save.reset();
  };
  const submit = (d: Draft) => {
    if (!hasChanges) return;
    if (base) save.mutate({ kind: "update", id: base.id, body: { version: base.version, ...changes } });
    else save.mutate({ kind: "create", body: createBody(scope, d) });
  };
  const focusFirstError = (errors: typeof local) => {
    const first = RULE_FIELDS.find((f) => errors[f]);
    if (first) ref.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
  };
  // After a stale refusal: continue from their version, with their values or with the form's.
  const rebase = (theirs: boolean) => {
    if (staleCurrent) {
      setBase(staleCurrent);
      if (theirs) reset(draftOf(staleCurrent));
    }
    save.reset();
  };
  const phrase = scopePhrase({ sku: scope.sku ?? null, tag: scope.tag ?? null });
  const title = base ? `Edit ${phrase}` : `New ${phrase.replace(/^the /, "")}`;
  const kind = scopeOf({ sku: scope.sku ?? null, tag: scope.tag ?? null });

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      data-testid="rule-editor"
      data-scope={kind}
      data-mode={base ? "edit" : "new"}
      onClose={() => onClose(done.current)}
      // Esc is handled here rather than by the dialog's own close, which would drop the edits. The
      // keydown is prevented too: Chromium stops letting a page cancel repeated Esc closes.
      onKeyDownCapture={(e) => {
        if (e.key !== "Escape" || (!hasChanges && !confirmDiscard)) return;
        e.preventDefault();
        e.stopPropagation();
        if (confirmDiscard) keepEditing();
        else requestClose();
      }}
      onCancel={(e) => {
        if (!hasChanges) return;
        e.preventDefault();
        requestClose();
      }}
      className="fixed inset-y-0 right-0 left-auto m-0 h-dvh max-h-none w-full max-w-3xl overflow-y-auto border-l border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/30"
    >
      <form noValidate onSubmit={(e) => void handleSubmit(submit, focusFirstError)(e)} className="flex min-h-full flex-col">
        <div className="sticky top-0 z-10 flex items-center justify-between gap-3 border-b border-slate-200 bg-white px-5 py-3">
          <div className="min-w-0">
            <h2 id={`${id}-title`} className="text-base font-semibold first-letter:uppercase">
              {title}
            </h2>
            <p className="truncate text-xs text-slate-500">
              <span className="font-medium text-slate-700">{channel.name || channel.code}</span> <span className="font-mono">({channel.code})</span>
              {base && <> · version {base.version}</>}
            </p>
          </div>
          <button type="button" onClick={requestClose} aria-label="Close" data-testid="rule-editor-close" className="rounded px-2 py-1 text-sm text-slate-500 hover:bg-slate-100 hover:text-slate-900">
            ✕
          </button>
        </div>

        <div className="flex-1 space-y-4 px-5 py-4">
          <p className="text-xs text-slate-600">
            Leave a field empty to inherit it. Each field resolves on its own from the most specific rule that sets it: SKU override, then tag rules (earliest first), then the channel default, then 0.
          </p>
          {stale && <StaleNotice current={staleCurrent} draft={draft} now={now} onLoad={() => rebase(true)} onKeep={() => rebase(false)} />}
          {gone && (
            <div role="alert" data-testid="rule-gone" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900">
              <p className="font-medium">This rule was deleted meanwhile.</p>
              <button
                type="button"
                className={`${smallBtn} mt-2`}
                onClick={() => {
                  setBase(null);
                  save.reset();
                }}
              >
                Create it again with these values
              </button>
            </div>
          )}
          {typeof existingId === "string" && (
            <div role="alert" data-testid="rule-exists" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900">
              <p className="font-medium">This scope already has a rule (someone created it meanwhile): one rule per scope.</p>
              <button type="button" className={`${smallBtn} mt-2`} onClick={() => onEditExisting(existingId)}>
                Edit that rule instead
              </button>
            </div>
          )}

          {FIELD_GROUPS.map((g) => (
            <fieldset key={g.title}>
              <legend className="mb-1.5 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{g.title}</legend>
              <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
                {g.fields.map((f) => {
                  const saved = base ? (base[f] === null ? null : formatField(f, base[f]!)) : undefined;
                  const differs = base && f in changes;
                  return (
                    <RuleFieldInput
                      key={f}
                      id={id}
                      field={f}
                      value={draft[f]}
                      error={errorOf(f)}
                      was={differs ? saved : undefined}
                      onChange={(v) => set(f, v)}
                      hint={
                        <>
                          {FIELD_META[f].hint}{" "}
                          {f === "dynamicK" && (
                            <span data-testid="editor-latency">Latency on this channel: {latency ? <LatencyText latency={latency} className="font-medium text-slate-700" /> : "…"}. </span>
                          )}
                          <span className="text-slate-400">{inheritHint(f, scope, channelDefault)}</span>
                        </>
                      }
                    />
                  );
                })}
              </div>
            </fieldset>
          ))}

          <RulePreviewPanel preview={preview.data} error={preview.error} waiting={preview.waiting} idle={idle} channelName={channel.name || channel.code} />
        </div>

        <div className="sticky bottom-0 border-t border-slate-200 bg-white px-5 py-3">
          {confirmDiscard ? (
            <ConfirmStrip
              label="Discard unsaved changes"
              tone="amber"
              testId="rule-discard-confirm"
              confirm="Discard changes"
              cancelLabel="Keep editing"
              pendingLabel="Discarding…"
              pending={false}
              onConfirm={() => ref.current?.close()}
              onCancel={keepEditing}
            >
              <p className="font-medium">{base ? `Discard your changes to ${Object.keys(changes).length === 1 ? "1 field" : `${Object.keys(changes).length} fields`}?` : "Discard this new rule?"}</p>
              <p>Nothing is saved yet. Esc or Keep editing goes back to the form.</p>
            </ConfirmStrip>
          ) : (
            <div className="flex flex-wrap items-center justify-end gap-2">
              {!serverField && !stale && !gone && existingId === undefined && <AdminActionError error={save.error} className="mr-auto" />}
              <button type="button" onClick={requestClose} data-testid="rule-cancel" className={secondaryBtn}>
                Cancel
              </button>
              <button type="submit" data-testid="rule-save" disabled={save.isPending || stale || (!hasChanges && valid)} className={primaryBtn}>
                {save.isPending ? "Saving…" : base ? "Save changes" : "Create rule"}
              </button>
            </div>
          )}
        </div>
      </form>
    </dialog>
  );
}
