"use client";

import { Fragment, useEffect, useId, useMemo, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { ApiError } from "@/client/api/fetch-json";
import { sentence } from "@/client/api/error-text";
import type { IssuedToken, IssueTokenBody } from "@/client/api/types";
import { formatAbsolute } from "@/client/format/time";
import { contractResolver } from "@/components/ui/contract-resolver";
import { SidePanel, DialogActions } from "@/components/ui/Dialog";
import { ChoiceCard } from "@/components/ui/ChoiceCard";
import { Field, FieldGroup, FieldMessage, fieldProps } from "@/components/ui/Field";
import { errorMessage } from "@/components/ui/field-error";
import { inputCls } from "@/components/ui/form-styles";
import { TextInput } from "@/components/ui/TextInput";
import { useIssueToken } from "@/hooks/use-issue-token";
import { useCatalog } from "@/hooks/use-catalog";
import { useSources } from "@/hooks/use-sources";
import { CONNECTOR_EVENT_TYPES } from "@/lib/auth/token-restrictions";
import { type CreateTokenBody, createTokenSchema, MAX_TOKEN_DAYS, MAX_TOKEN_LIMITS, MAX_TOKEN_NAME } from "@/lib/contracts/tokens";
import { AdminActionError } from "./AdminActionError";
import { ChipsInput } from "./ChipsInput";
import { SecretOnce } from "./SecretOnce";
import { SCOPE_INFO, TOKEN_SCOPES } from "./tokens";

const EXPIRY = [
  { value: "30", label: "30 d" },
  { value: "90", label: "90 d" },
  { value: "365", label: "1 year" },
  { value: "never", label: "Never" },
  { value: "custom", label: "Custom" },
] as const;
type Expiry = (typeof EXPIRY)[number]["value"];

/** The request body's fields as typed, with the expiry as the form picks it. */
type Draft = Omit<IssueTokenBody, "expiresInDays" | "eventTypes"> & { eventTypes: string[]; expiry: Expiry; customDays: string };
type FormField = "name" | "scopes" | "sources" | "eventTypes" | "locations" | "channels" | "expiry";
const FORM_FIELDS: readonly FormField[] = ["name", "scopes", "sources", "eventTypes", "locations", "channels", "expiry"];

/** The body the draft makes; the route's schema (lib/contracts/tokens.ts) is the judge of it. A custom expiry that is not a number is NaN, which it refuses. */
function toBody(d: Draft): CreateTokenBody {
  const days = d.expiry === "never" ? null : d.expiry === "custom" ? (d.customDays.trim() ? Number(d.customDays) : Number.NaN) : Number(d.expiry);
  return {
    name: d.name,
    scopes: TOKEN_SCOPES.filter((s) => d.scopes.includes(s)),
    sources: d.sources,
    eventTypes: d.eventTypes as CreateTokenBody["eventTypes"],
    locations: d.locations,
    channels: d.channels,
    expiresInDays: days,
  };
}

/** The API's field (`name`, `scopes.0`, `sources.3`, `expiresInDays`) as this form's field. */
function formField(field: string | null): FormField | null {
  const head = field?.split(".")[0];
  if (head === "expiresInDays") return "expiry";
  return FORM_FIELDS.find((f) => f === head) ?? null;
}

/** How the form words the contract's refusals, by field and zod issue code. */
const SAY: Record<FormField, Partial<Record<string, string>>> = {
  name: { too_small: "Name it after who or what will use it.", too_big: `At most ${MAX_TOKEN_NAME} characters.` },
  scopes: { too_small: "Pick at least one scope." },
  sources: { too_big: `At most ${MAX_TOKEN_LIMITS}.` },
  eventTypes: { too_big: `At most ${MAX_TOKEN_LIMITS}.` },
  locations: { too_big: `At most ${MAX_TOKEN_LIMITS}.` },
  channels: { too_big: `At most ${MAX_TOKEN_LIMITS}.` },
  expiry: Object.fromEntries(["invalid_type", "too_small", "too_big"].map((c) => [c, `A whole number of days from 1 to ${MAX_TOKEN_DAYS.toLocaleString("en-US")}.`])),
};

/** A chip is checked as it is added: the list with it must pass the route's schema for that field. */
function chipCheck(field: "sources" | "eventTypes" | "locations" | "channels", what: string) {
  return (value: string, all: string[]): string | null => {
    const parsed = createTokenSchema.shape[field].safeParse([...all, value]);
    const issue = parsed.error?.issues[0];
    if (!issue) return null;
    if (issue.path.length === 0 && issue.code === "too_big") return `At most ${issue.maximum}.`;
    if (issue.code === "too_big") return `A ${what} is at most ${issue.maximum} characters.`;
    if (issue.code === "invalid_value") return `"${value}" is not an event type a connector may send.`;
    return sentence(issue.message);
  };
}

const LIMIT_LABEL = { eventTypes: "Event types", locations: "Locations", channels: "Channels" } as const;

/** A token's optional limits, each a chip field: what it is, and what it means set (`limited`) or left empty (`any`). */
const LIMITS = [
  {
    field: "eventTypes",
    label: "Allowed event types",
    what: "event type",
    placeholder: "Any type — e.g. receipt, snapshot",
    limited: "Other types are rejected with forbidden_event_type.",
    any: "Empty: any connector event type (reservation.* is only ever written by Onepool).",
  },
  {
    field: "locations",
    label: "Allowed locations",
    what: "location",
    placeholder: "Any location — type a location and press Enter",
    limited: "Events at other locations are rejected with forbidden_location.",
    any: "Empty: its events may name any location.",
  },
  {
    field: "channels",
    label: "Allowed channels",
    what: "channel",
    placeholder: "Any channel — type a channel and press Enter",
    limited: "Its reservations (reserve scope) may only hold for these channels; others get 403.",
    any: "Empty: its reservations (reserve scope) may hold for any channel.",
  },
] as const;

/**
 * Issue a connector token (`POST /api/tokens`) in a side panel: name, scopes, the event sources it
 * may write for, and its life. The value comes back once and is shown once, with a copy button.
 */
export function IssueTokenDialog({ onClose }: { onClose(message?: string): void }) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const resolver = useMemo(() => contractResolver(createTokenSchema, toBody, formField), []);
  const form = useForm<Draft, unknown, IssueTokenBody>({
    resolver,
    defaultValues: { name: "", scopes: ["ingest"], sources: [], eventTypes: [], locations: [], channels: [], expiry: "90", customDays: "" },
  });
  const { register, handleSubmit, watch, setValue, setFocus, clearErrors, formState } = form;
  const draft = watch();
  const [issued, setIssued] = useState<{ result: IssuedToken; body: IssueTokenBody } | null>(null);
  const sources = useSources();
  const suggestions = (sources.data?.sources ?? []).map((s) => s.code);
  const catalog = useCatalog();
  const limitSuggestions = {
    eventTypes: [...CONNECTOR_EVENT_TYPES],
    locations: (catalog.data?.locations ?? []).map((l) => l.code),
    channels: (catalog.data?.channels ?? []).map((c) => c.code),
  };
  const issue = useIssueToken((result, body) => setIssued({ result, body }));

  // After the panel's showModal (a child's effect runs first).
  useEffect(() => setFocus("name"), [setFocus]);

  // A refusal that names a field (a validation 400) marks that field, like a local check would.
  const serverError = issue.error instanceof ApiError && issue.error.field ? issue.error : null;
  const serverField = formField(serverError?.field ?? null);
  useEffect(() => {
    if (serverField) ref.current?.querySelector<HTMLElement>(`[data-field="${serverField}"]`)?.focus();
  }, [serverField, serverError]);
  // Picking "Custom" puts the caret in the days box.
  const custom = draft.expiry === "custom";
  useEffect(() => {
    if (custom) setFocus("customDays");
  }, [custom, setFocus]);
  const errorOf = (k: FormField) => errorMessage(formState.errors[k] as Parameters<typeof errorMessage>[0], SAY[k]) ?? (serverField === k ? sentence(serverError!.message) : undefined);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setValue(k, v as never);
    const field: FormField = k === "customDays" || k === "expiry" ? "expiry" : (k as FormField);
    clearErrors(field);
    if (serverField === field) issue.reset();
  };
  const submit = handleSubmit(
    (body) => issue.run(body),
    (errors) => {
      const first = FORM_FIELDS.find((f) => errors[f]);
      if (first) ref.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
    },
  );
  const close = () => ref.current?.close();

  return (
    <SidePanel
      dialogRef={ref}
      testId="issue-token-form"
      onClose={() => onClose(issued ? `Issued ${issued.body.name} (${issued.result.token.slice(0, 10)}…).` : undefined)}
      title={issued ? "Token issued" : "Issue a connector token"}
    >
      {issued ? (
        <div className="space-y-4 px-5 py-4" data-testid="token-issued">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-500">Name</dt>
            <dd className="font-medium">{issued.body.name}</dd>
            <dt className="text-slate-500">Scopes</dt>
            <dd className="font-mono text-xs leading-5">{issued.body.scopes.join(" · ")}</dd>
            <dt className="text-slate-500">Sources</dt>
            <dd className="font-mono text-xs leading-5">{issued.body.sources.length ? issued.body.sources.join(" · ") : <span className="font-sans text-slate-500">any</span>}</dd>
            {(["eventTypes", "locations", "channels"] as const).map((k) =>
              issued.body[k].length ? (
                <Fragment key={k}>
                  <dt className="text-slate-500">{LIMIT_LABEL[k]}</dt>
                  <dd className="font-mono text-xs leading-5">{issued.body[k].join(" · ")}</dd>
                </Fragment>
              ) : null,
            )}
            <dt className="text-slate-500">Expires</dt>
            <dd>{issued.result.expiresAt ? formatAbsolute(issued.result.expiresAt).split(" (")[0] : "never"}</dd>
          </dl>
          <SecretOnce
            secret={issued.result.token}
            hint={`${issued.result.token.slice(0, 10)}…`}
            what="token"
            where="the connector's configuration"
            kept="Onepool stores only its hash and will never show it again; if it is lost, rotate the token."
            testId="token-once"
            onDone={close}
          >
            <p className="mt-2 text-xs text-amber-900/80">
              Send it as <code className="rounded bg-white/70 px-1">Authorization: Bearer {issued.result.token.slice(0, 10)}…</code>
            </p>
          </SecretOnce>
        </div>
      ) : (
        <form noValidate onSubmit={(e) => void submit(e)} className="space-y-5 px-5 py-4">
          <Field
            id={`${id}-name`}
            label="Name"
            error={errorOf("name")}
            hint="Who or what uses it, e.g. wms-eu or ops-laptop; rotations keep the name. It goes to the audit log with every change it makes."
          >
            <TextInput {...fieldProps(`${id}-name`, "name", errorOf("name"))} {...register("name", { onChange: () => serverField === "name" && issue.reset() })} placeholder="wms-eu" />
          </Field>

          <FieldGroup id={`${id}-scopes`} field="scopes" legend="Scopes" error={errorOf("scopes")}>
            <div className="mt-1.5 space-y-1.5">
              {TOKEN_SCOPES.map((s) => (
                <ChoiceCard
                  key={s}
                  type="checkbox"
                  checked={draft.scopes.includes(s)}
                  onChange={(e) => set("scopes", e.target.checked ? [...draft.scopes, s] : draft.scopes.filter((x) => x !== s))}
                  mono
                  title={SCOPE_INFO[s].label}
                  help={SCOPE_INFO[s].help}
                />
              ))}
            </div>
            {/* The admin warning stands where a hint would (`-scopes-msg`); an error takes its place. */}
            {!errorOf("scopes") && draft.scopes.includes("admin") && (
              <p id={`${id}-scopes-msg`} role="note" className="mt-1.5 rounded-md bg-amber-50 px-2.5 py-1.5 text-xs text-amber-900 ring-1 ring-amber-600/20 ring-inset">
                An admin token can change every source and issue, rotate or revoke every token, including itself. Give it an expiry.
              </p>
            )}
          </FieldGroup>

          <div>
            <label htmlFor={`${id}-sources`} className="block text-xs font-medium text-slate-700">
              Allowed sources <span className="font-normal text-slate-500">(optional)</span>
            </label>
            <div className="mt-1">
              <ChipsInput
                id={`${id}-sources`}
                what="source"
                values={draft.sources}
                onChange={(v) => set("sources", v)}
                suggestions={suggestions}
                placeholder="Any source — type a source and press Enter to limit it"
                invalid={!!errorOf("sources")}
                describedBy={`${id}-sources-msg`}
                check={chipCheck("sources", "source")}
              />
            </div>
            <FieldMessage
              id={`${id}-sources`}
              error={errorOf("sources")}
              hint={
                draft.sources.length
                  ? `Its events (POST /api/events) may only name ${draft.sources.length === 1 ? "this source" : `these ${draft.sources.length} sources`}; others are rejected with forbidden_source.`
                  : `Empty: its events may name any source. The list limits the source field of canonical events (POST /api/events)${suggestions.length ? "; registered sources are suggested." : "."}`
              }
            />
          </div>

          {LIMITS.map((l) => (
            <LimitField
              key={l.field}
              id={`${id}-${l.field}`}
              field={l.field}
              label={l.label}
              what={l.what}
              values={draft[l.field]}
              onChange={(v) => set(l.field, v)}
              suggestions={limitSuggestions[l.field]}
              error={errorOf(l.field)}
              placeholder={l.placeholder}
              help={draft[l.field].length ? l.limited : l.any}
            />
          ))}

          <FieldGroup
            id={`${id}-expiry`}
            field="expiry"
            legend="Expires after"
            error={errorOf("expiry")}
            hint={draft.expiry === "never" ? "It works until it is revoked." : "Refused with 401 token_expired afterwards. Rotating keeps the expiry, so plan a new token before it ends."}
          >
            <div className="mt-1 flex flex-wrap items-center gap-3">
              <div className="inline-flex rounded-md shadow-xs" role="radiogroup" aria-label="Expires after">
                {EXPIRY.map((o, i) => (
                  <label
                    key={o.value}
                    className={`cursor-pointer border border-slate-300 px-2.5 py-1 text-xs font-medium has-checked:border-slate-900 has-checked:bg-slate-900 has-checked:text-white has-focus-visible:ring-2 has-focus-visible:ring-sky-500 ${i === 0 ? "rounded-l-md" : "-ml-px"} ${i === EXPIRY.length - 1 ? "rounded-r-md" : ""} bg-white text-slate-700`}
                  >
                    <input type="radio" name={`${id}-expiry`} value={o.value} checked={draft.expiry === o.value} onChange={() => set("expiry", o.value)} className="sr-only" />
                    {o.label}
                  </label>
                ))}
              </div>
              {draft.expiry === "custom" && (
                <span className="inline-flex items-center gap-1.5 text-sm">
                  <input
                    aria-label="Days until it expires"
                    className={`${inputCls.replace("w-full", "w-24")} tabular-nums`}
                    {...register("customDays", { onChange: () => (clearErrors("expiry"), serverField === "expiry" && issue.reset()) })}
                    inputMode="numeric"
                    placeholder="180"
                    autoComplete="off"
                    aria-invalid={errorOf("expiry") ? true : undefined}
                  />
                  days
                </span>
              )}
            </div>
          </FieldGroup>

          {!serverField && <AdminActionError error={issue.error} />}

          <DialogActions place="panel" onCancel={close} pending={issue.isPending} submit="Issue token" pendingLabel="Issuing…" />
        </form>
      )}
    </SidePanel>
  );
}

/** One optional limit of a token (event types, locations, channels) as chips; empty = any. */
function LimitField(p: {
  id: string;
  field: "eventTypes" | "locations" | "channels";
  label: string;
  what: string;
  values: string[];
  onChange(v: string[]): void;
  suggestions: string[];
  error?: string;
  placeholder: string;
  help: string;
}) {
  return (
    <div data-field={p.field} tabIndex={-1} className="outline-none">
      <label htmlFor={p.id} className="block text-xs font-medium text-slate-700">
        {p.label} <span className="font-normal text-slate-500">(optional)</span>
      </label>
      <div className="mt-1">
        <ChipsInput
          id={p.id}
          what={p.what}
          values={p.values}
          onChange={p.onChange}
          suggestions={p.suggestions}
          placeholder={p.placeholder}
          invalid={!!p.error}
          describedBy={`${p.id}-msg`}
          check={chipCheck(p.field, p.what)}
        />
      </div>
      <FieldMessage id={p.id} error={p.error} hint={p.help} />
    </div>
  );
}
