"use client";

import { Fragment, useEffect, useId, useRef, useState } from "react";
import { ApiError } from "@/client/api/fetch-json";
import type { IssuedToken, IssueTokenBody } from "@/client/api/types";
import { formatAbsolute } from "@/client/format/time";
import { useIssueToken } from "@/hooks/use-issue-token";
import { useCatalog } from "@/hooks/use-catalog";
import { useSources } from "@/hooks/use-sources";
import { CONNECTOR_EVENT_TYPES } from "@/lib/auth/token-restrictions";
import { AdminActionError } from "./AdminActionError";
import { ChipsInput } from "./ChipsInput";
import { SecretOnce } from "./SecretOnce";
import { SCOPE_INFO, TOKEN_SCOPES } from "./tokens";

// Mirrors server/auth/manage-tokens.ts `createTokenSchema`, so most mistakes are caught before the round trip.
const MAX_NAME = 100;
const MAX_SOURCES = 100;
const MAX_DAYS = 3650;

const EXPIRY = [
  { value: "30", label: "30 d" },
  { value: "90", label: "90 d" },
  { value: "365", label: "1 year" },
  { value: "never", label: "Never" },
  { value: "custom", label: "Custom" },
] as const;
type Expiry = (typeof EXPIRY)[number]["value"];

/** The request body's fields as typed, with the expiry as the form picks it. */
type Draft = Omit<IssueTokenBody, "expiresInDays"> & { expiry: Expiry; customDays: string };
type Errors = Partial<Record<"name" | "scopes" | "sources" | "eventTypes" | "locations" | "channels" | "expiry", string>>;
const LIMITS = ["sources", "eventTypes", "locations", "channels"] as const;

function validate(d: Draft): Errors {
  const e: Errors = {};
  if (!d.name.trim()) e.name = "Name it after who or what will use it.";
  else if (d.name.trim().length > MAX_NAME) e.name = `At most ${MAX_NAME} characters.`;
  if (!d.scopes.length) e.scopes = "Pick at least one scope.";
  for (const k of LIMITS) if (d[k].length > MAX_SOURCES) e[k] = `At most ${MAX_SOURCES}.`;
  const own = d.sources.find((s) => s.toLowerCase().startsWith("onepool-"));
  if (own) e.sources = `"${own}" is Onepool's own source: no token may write under it.`;
  if (d.expiry === "custom") {
    const n = Number(d.customDays);
    if (!d.customDays.trim() || !Number.isInteger(n) || n < 1 || n > MAX_DAYS) e.expiry = `A whole number of days from 1 to ${MAX_DAYS.toLocaleString("en-US")}.`;
  }
  return e;
}

function toBody(d: Draft): IssueTokenBody {
  const days = d.expiry === "never" ? null : Number(d.expiry === "custom" ? d.customDays : d.expiry);
  return { name: d.name.trim(), scopes: TOKEN_SCOPES.filter((s) => d.scopes.includes(s)), sources: d.sources, eventTypes: d.eventTypes, locations: d.locations, channels: d.channels, expiresInDays: days };
}

/** The API's field (`name`, `scopes.0`, `sources.3`, `expiresInDays`) as this form's field. */
function formField(field: string | null): keyof Errors | null {
  const head = field?.split(".")[0];
  if (head === "name" || head === "scopes" || head === "sources" || head === "eventTypes" || head === "locations" || head === "channels") return head;
  if (head === "expiresInDays") return "expiry";
  return null;
}

const LIMIT_LABEL = { eventTypes: "Event types", locations: "Locations", channels: "Channels" } as const;

const input =
  "h-8 w-full rounded-md border border-slate-300 bg-white px-2 text-sm shadow-xs placeholder:font-sans placeholder:text-slate-400 focus:border-sky-500 focus:ring-2 focus:ring-sky-500/20 focus:outline-none aria-invalid:border-rose-400";

/**
 * Issue a connector token (`POST /api/tokens`) in a side panel: name, scopes, the event sources it
 * may write for, and its life. The value comes back once and is shown once, with a copy button.
 */
export function IssueTokenDialog({ onClose }: { onClose(message?: string): void }) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<Draft>({ name: "", scopes: ["ingest"], sources: [], eventTypes: [], locations: [], channels: [], expiry: "90", customDays: "" });
  const [errors, setErrors] = useState<Errors>({});
  const [issued, setIssued] = useState<{ result: IssuedToken; body: IssueTokenBody } | null>(null);
  const sources = useSources();
  const suggestions = (sources.data?.sources ?? []).map((s) => s.code);
  const catalog = useCatalog();
  const issue = useIssueToken((result, body) => setIssued({ result, body }));

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) {
      d.showModal();
      nameRef.current?.focus();
    }
  }, []);

  // A refusal that names a field (a validation 400) marks that field, like a local check would.
  const serverError = issue.error instanceof ApiError && issue.error.field ? issue.error : null;
  const serverField = formField(serverError?.field ?? null);
  useEffect(() => {
    if (serverField) ref.current?.querySelector<HTMLElement>(`[data-field="${serverField}"]`)?.focus();
  }, [serverField, serverError]);
  const errorOf = (k: keyof Errors) => errors[k] ?? (serverField === k ? `${serverError!.message.charAt(0).toUpperCase()}${serverError!.message.slice(1)}.` : undefined);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    const field: keyof Errors = k === "customDays" ? "expiry" : (k as keyof Errors);
    setErrors((e) => ({ ...e, [field]: undefined }));
    if (serverField === field) issue.reset();
  };
  const submit = () => {
    const e = validate(draft);
    setErrors(e);
    const first = Object.keys(e)[0];
    if (first) {
      ref.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
      return;
    }
    issue.run(toBody(draft));
  };
  const described = (k: keyof Errors) => ({ "aria-invalid": errorOf(k) ? true : undefined, "aria-describedby": `${id}-${k}-msg`, "data-field": k });
  const close = () => ref.current?.close();

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      data-testid="issue-token-form"
      onClose={() => onClose(issued ? `Issued ${issued.body.name} (${issued.result.token.slice(0, 10)}…).` : undefined)}
      className="fixed inset-y-0 right-0 left-auto m-0 h-dvh max-h-none w-full max-w-xl overflow-y-auto border-l border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/30"
    >
      <div className="sticky top-0 z-10 flex items-center justify-between border-b border-slate-200 bg-white px-5 py-3">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {issued ? "Token issued" : "Issue a connector token"}
        </h2>
        <button type="button" onClick={close} aria-label="Close" className="rounded px-2 py-1 text-sm text-slate-500 hover:bg-slate-100 hover:text-slate-900">
          ✕
        </button>
      </div>

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
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
          className="space-y-5 px-5 py-4"
        >
          <div>
            <label htmlFor={`${id}-name`} className="block text-xs font-medium text-slate-700">
              Name
            </label>
            <input ref={nameRef} id={`${id}-name`} className={`${input} mt-1`} value={draft.name} onChange={(e) => set("name", e.target.value)} placeholder="wms-eu" autoComplete="off" spellCheck={false} {...described("name")} />
            <p id={`${id}-name-msg`} className={`mt-1 text-xs ${errorOf("name") ? "text-rose-700" : "text-slate-500"}`}>
              {errorOf("name") ?? "Who or what uses it, e.g. wms-eu or ops-laptop; rotations keep the name. It goes to the audit log with every change it makes."}
            </p>
          </div>

          <fieldset data-field="scopes" tabIndex={-1} aria-describedby={`${id}-scopes-msg`} className="outline-none">
            <legend className="text-xs font-medium text-slate-700">Scopes</legend>
            <div className="mt-1.5 space-y-1.5">
              {TOKEN_SCOPES.map((s) => (
                <label key={s} className="flex cursor-pointer items-start gap-2.5 rounded-md px-2 py-1.5 ring-1 ring-slate-200 ring-inset hover:bg-slate-50 has-checked:bg-slate-50 has-checked:ring-slate-400">
                  <input
                    type="checkbox"
                    checked={draft.scopes.includes(s)}
                    onChange={(e) => set("scopes", e.target.checked ? [...draft.scopes, s] : draft.scopes.filter((x) => x !== s))}
                    className="mt-0.5 size-4 accent-slate-900"
                  />
                  <span className="min-w-0">
                    <span className="font-mono text-sm font-medium text-slate-900">{SCOPE_INFO[s].label}</span>
                    <span className="block text-xs text-slate-500">{SCOPE_INFO[s].help}</span>
                  </span>
                </label>
              ))}
            </div>
            {errorOf("scopes") ? (
              <p id={`${id}-scopes-msg`} className="mt-1 text-xs text-rose-700">
                {errorOf("scopes")}
              </p>
            ) : draft.scopes.includes("admin") ? (
              <p id={`${id}-scopes-msg`} role="note" className="mt-1.5 rounded-md bg-amber-50 px-2.5 py-1.5 text-xs text-amber-900 ring-1 ring-amber-600/20 ring-inset">
                An admin token can change every source and issue, rotate or revoke every token, including itself. Give it an expiry.
              </p>
            ) : null}
          </fieldset>

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
                check={(v, all) => (v.length > 100 ? "A source is at most 100 characters." : all.length >= MAX_SOURCES ? `At most ${MAX_SOURCES} sources.` : null)}
              />
            </div>
            <p id={`${id}-sources-msg`} className={`mt-1 text-xs ${errorOf("sources") ? "text-rose-700" : "text-slate-500"}`}>
              {errorOf("sources") ??
                (draft.sources.length
                  ? `Its events (POST /api/events) may only name ${draft.sources.length === 1 ? "this source" : `these ${draft.sources.length} sources`}; others are rejected with forbidden_source.`
                  : `Empty: its events may name any source. The list limits the source field of canonical events (POST /api/events)${suggestions.length ? "; registered sources are suggested." : "."}`)}
            </p>
          </div>

          <LimitField
            id={`${id}-eventTypes`}
            field="eventTypes"
            label="Allowed event types"
            what="event type"
            values={draft.eventTypes}
            onChange={(v) => set("eventTypes", v)}
            suggestions={[...CONNECTOR_EVENT_TYPES]}
            check={(v) => ((CONNECTOR_EVENT_TYPES as readonly string[]).includes(v) ? null : `"${v}" is not an event type a connector may send.`)}
            error={errorOf("eventTypes")}
            placeholder="Any type — e.g. receipt, snapshot"
            help={draft.eventTypes.length ? "Other types are rejected with forbidden_event_type." : "Empty: any connector event type (reservation.* is only ever written by Onepool)."}
          />
          <LimitField
            id={`${id}-locations`}
            field="locations"
            label="Allowed locations"
            what="location"
            values={draft.locations}
            onChange={(v) => set("locations", v)}
            suggestions={(catalog.data?.locations ?? []).map((l) => l.code)}
            error={errorOf("locations")}
            placeholder="Any location — type a location and press Enter"
            help={draft.locations.length ? "Events at other locations are rejected with forbidden_location." : "Empty: its events may name any location."}
          />
          <LimitField
            id={`${id}-channels`}
            field="channels"
            label="Allowed channels"
            what="channel"
            values={draft.channels}
            onChange={(v) => set("channels", v)}
            suggestions={(catalog.data?.channels ?? []).map((c) => c.code)}
            error={errorOf("channels")}
            placeholder="Any channel — type a channel and press Enter"
            help={draft.channels.length ? "Its reservations (reserve scope) may only hold for these channels; others get 403." : "Empty: its reservations (reserve scope) may hold for any channel."}
          />

          <fieldset data-field="expiry" tabIndex={-1} aria-describedby={`${id}-expiry-msg`} className="outline-none">
            <legend className="text-xs font-medium text-slate-700">Expires after</legend>
            <div className="mt-1 flex flex-wrap items-center gap-3">
              <div className="inline-flex rounded-md shadow-xs" role="radiogroup" aria-label="Expires after">
                {EXPIRY.map((o, i) => (
                  <label key={o.value} className={`cursor-pointer border border-slate-300 px-2.5 py-1 text-xs font-medium has-checked:border-slate-900 has-checked:bg-slate-900 has-checked:text-white has-focus-visible:ring-2 has-focus-visible:ring-sky-500 ${i === 0 ? "rounded-l-md" : "-ml-px"} ${i === EXPIRY.length - 1 ? "rounded-r-md" : ""} bg-white text-slate-700`}>
                    <input type="radio" name={`${id}-expiry`} value={o.value} checked={draft.expiry === o.value} onChange={() => set("expiry", o.value)} className="sr-only" />
                    {o.label}
                  </label>
                ))}
              </div>
              {draft.expiry === "custom" && (
                <span className="inline-flex items-center gap-1.5 text-sm">
                  <input
                    aria-label="Days until it expires"
                    className={`${input.replace("w-full", "w-24")} tabular-nums`}
                    value={draft.customDays}
                    onChange={(e) => set("customDays", e.target.value)}
                    inputMode="numeric"
                    placeholder="180"
                    autoComplete="off"
                    autoFocus
                    aria-invalid={errorOf("expiry") ? true : undefined}
                  />
                  days
                </span>
              )}
            </div>
            <p id={`${id}-expiry-msg`} className={`mt-1 text-xs ${errorOf("expiry") ? "text-rose-700" : "text-slate-500"}`}>
              {errorOf("expiry") ??
                (draft.expiry === "never"
                  ? "It works until it is revoked."
                  : "Refused with 401 token_expired afterwards. Rotating keeps the expiry, so plan a new token before it ends.")}
            </p>
          </fieldset>

          {!serverField && <AdminActionError error={issue.error} />}

          <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
            <button type="button" onClick={close} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
              Cancel
            </button>
            <button type="submit" disabled={issue.isPending} className="rounded-md bg-slate-900 px-3.5 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60">
              {issue.isPending ? "Issuing…" : "Issue token"}
            </button>
          </div>
        </form>
      )}
    </dialog>
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
  check?(v: string): string | null;
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
          check={(v, all) => (v.length > 100 ? `A ${p.what} is at most 100 characters.` : all.length >= MAX_SOURCES ? `At most ${MAX_SOURCES}.` : (p.check?.(v) ?? null))}
        />
      </div>
      <p id={`${p.id}-msg`} className={`mt-1 text-xs ${p.error ? "text-rose-700" : "text-slate-500"}`}>
        {p.error ?? p.help}
      </p>
    </div>
  );
}
