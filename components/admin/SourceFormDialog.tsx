"use client";

import { type ChangeEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { type Resolver, useForm } from "react-hook-form";
import { ApiError } from "@/client/api/fetch-json";
import { sentence } from "@/client/api/error-text";
import { Button } from "@/components/ui/Button";
import { contractResolver } from "@/components/ui/contract-resolver";
import { SidePanel, DialogActions } from "@/components/ui/Dialog";
import { Field, FieldMessage } from "@/components/ui/Field";
import { errorMessage } from "@/components/ui/field-error";
import { inputCls as input } from "@/components/ui/form-styles";
import { TextInput } from "@/components/ui/TextInput";
import { MAX_RATE_PER_MINUTE, SOURCE_CODE, sourceSchema } from "@/lib/contracts/sources";
import type { CatalogCodes, Source, SourceBody } from "@/client/api/types";
import { useCatalog } from "@/hooks/use-catalog";
import { useOrigin } from "@/hooks/use-origin";
import { useRotateSecret } from "@/hooks/use-rotate-secret";
import { useSaveSource } from "@/hooks/use-save-source";
import { AdminActionError } from "./AdminActionError";
import { CopyButton } from "@/components/ui/CopyButton";
import { PROVIDER_INFO, PROVIDERS, providerShort, secretGoesTo, type Provider } from "./providers";
import { SecretOnce } from "./SecretOnce";

interface Row {
  key: string;
  location: string;
}
interface Draft {
  code: string;
  provider: Provider;
  channel: string;
  secret: string;
  locations: Row[];
  applicationId: string;
  userId: string;
  notificationKey: string;
  /** Editing a MercadoLibre source that has a key: remove it on save (`notificationKey: null`). */
  clearNotificationKey: boolean;
  rateLimit: string;
}
type FormField = "code" | "channel" | "secret" | "locations" | "applicationId" | "userId" | "notificationKey" | "rateLimit";
type Errors = Partial<Record<FormField, string>>;
const FORM_FIELDS: readonly FormField[] = ["code", "channel", "secret", "locations", "applicationId", "userId", "notificationKey", "rateLimit"];

const suggestedRows = (p: Provider): Row[] =>
  PROVIDER_INFO[p].usesLocations ? (PROVIDER_INFO[p].locationKeys.length ? PROVIDER_INFO[p].locationKeys : [""]).map((key) => ({ key, location: "" })) : [];

function initial(source: Source | null): Draft {
  if (source) {
    const rows = Object.entries(source.locations).map(([key, location]) => ({ key, location }));
    return {
      code: source.code,
      provider: source.provider as Provider,
      channel: source.channel ?? "",
      secret: "",
      locations: rows,
      applicationId: source.applicationId ?? "",
      userId: source.userId ?? "",
      notificationKey: "",
      clearNotificationKey: false,
      rateLimit: String(source.rateLimitPerMinute),
    };
  }
  return {
    code: "",
    provider: "shopify",
    channel: "",
    secret: "",
    locations: suggestedRows("shopify"),
    applicationId: "",
    userId: "",
    notificationKey: "",
    clearNotificationKey: false,
    rateLimit: "",
  };
}

/**
 * What only the form can see: the code (a URL segment, not in the body), what a provider needs
 * before it can be saved, and location rows (a half-filled row or a key typed twice would be lost
 * in the body's map). Everything in the body is the route's schema's to judge (lib/contracts/sources.ts).
 */
function formProblems(d: Draft, editing: boolean): Errors {
  const e: Errors = {};
  const info = PROVIDER_INFO[d.provider];
  if (!editing && !SOURCE_CODE.test(d.code)) e.code = "1–63 lower-case letters, digits, - or _, starting with a letter or digit.";
  if (info.channel === "required" && !d.channel.trim()) e.channel = `${info.label} products and orders resolve through a channel's listings: choose the channel.`;
  if (!editing && info.secretRequired && !d.secret.trim()) e.secret = `${info.label} issues the secret: paste it (it cannot be generated here).`;
  const rows = d.locations.filter((r) => r.key.trim() || r.location.trim());
  const keys = rows.map((r) => r.key.trim());
  if (rows.some((r) => !r.key.trim() || !r.location.trim())) e.locations = "Each row needs both a provider key and a location.";
  else if (new Set(keys).size !== keys.length) e.locations = `The key "${keys.find((k, i) => keys.indexOf(k) !== i)}" appears twice.`;
  return e;
}

/** How the form words the contract's refusals, by field and zod issue code. */
const SAY: Partial<Record<FormField, Partial<Record<string, string>>>> = {
  secret: { too_small: "A secret has at least 16 characters." },
  notificationKey: { too_small: "A notification key has at least 16 characters." },
  rateLimit: Object.fromEntries(["invalid_type", "too_small", "too_big"].map((c) => [c, `A whole number from 1 to ${MAX_RATE_PER_MINUTE.toLocaleString("en-US")}.`])),
};

/** The body's checks (the contract) and the form's own, one error per field, the form's first. */
function sourceResolver(editing: boolean): Resolver<Draft> {
  const contract = contractResolver(
    sourceSchema,
    (d: Draft) => toBody(d, editing),
    (path) => formField(path),
  );
  return async (d, context, options) => {
    const { errors } = await contract(d, context, options);
    const own = Object.entries(formProblems(d, editing)).map(([k, message]) => [k, { type: "form", message }]);
    const all = { ...errors, ...Object.fromEntries(own) };
    return Object.keys(all).length ? { values: {}, errors: all } : { values: d, errors: {} };
  };
}

function toBody(d: Draft, editing: boolean): SourceBody {
  const info = PROVIDER_INFO[d.provider];
  const body: SourceBody = { provider: d.provider };
  const channel = d.channel.trim();
  // On update an emptied channel is cleared (null); on create it is simply left out.
  if (channel) body.channel = channel;
  else if (editing) body.channel = null;
  if (info.usesLocations) body.locations = Object.fromEntries(d.locations.filter((r) => r.key.trim()).map((r) => [r.key.trim(), r.location.trim()]));
  if (!editing && d.secret.trim()) body.secrets = [d.secret.trim()];
  if (info.appIds) {
    body.applicationId = d.applicationId.trim() || null;
    body.userId = d.userId.trim() || null;
    if (d.clearNotificationKey) body.notificationKey = null;
    else if (d.notificationKey) body.notificationKey = d.notificationKey;
  }
  // Not a number → NaN, which the contract refuses.
  if (d.rateLimit.trim()) body.rateLimitPerMinute = Number(d.rateLimit);
  return body;
}

/** The API's field (`channel`, `locations`, `secrets.0`, `rateLimitPerMinute`…) as this form's field. */
function formField(field: string | null): FormField | null {
  const head = field?.split(".")[0];
  switch (head) {
    case "code":
    case "channel":
    case "locations":
    case "applicationId":
    case "userId":
    case "notificationKey":
      return head;
    case "secrets":
      return "secret";
    case "rateLimitPerMinute":
      return "rateLimit";
    default:
      return null;
  }
}

const catalogLabel = (c: { code: string; name: string }) => (c.name && c.name !== c.code ? `${c.code} — ${c.name}` : c.code);

/** The catalogue could not be read: say so next to the field, with a retry; the field takes typed codes meanwhile. */
function CatalogProblem({ error, onRetry, retrying }: { error: unknown; onRetry(): void; retrying: boolean }) {
  return (
    <span className="text-amber-800">
      Couldn&apos;t load the catalogue ({error instanceof ApiError ? (error.status ? `HTTP ${error.status}` : "server unreachable") : "error"}): type the code.{" "}
      <button type="button" onClick={onRetry} disabled={retrying} className="font-medium underline disabled:opacity-60">
        {retrying ? "Retrying…" : "Retry"}
      </button>
    </span>
  );
}

/**
 * Register a source, or edit one (`PUT /api/sources/<code>`), in a side panel. A new source
 * without a pasted secret gets a generated one, shown once. Secrets of an existing source are
 * rotated and revoked on its card, not here (a PUT names the whole set, which the page cannot know).
 */
export function SourceFormDialog({ source, onClose }: { source: Source | null; onClose(message?: string): void }) {
  const editing = source !== null;
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const origin = useOrigin();
  const catalog = useCatalog();
  const codes: CatalogCodes | undefined = catalog.data;
  const resolver = useMemo(() => sourceResolver(editing), [editing]);
  const { handleSubmit, watch, getValues, setValue, clearErrors, formState } = useForm<Draft>({ resolver, defaultValues: initial(source) });
  const draft = watch();
  const setDraft = (change: (d: Draft) => Draft) => {
    const next = change(getValues());
    for (const k of Object.keys(next) as (keyof Draft)[]) setValue(k, next[k]);
  };
  const [saved, setSaved] = useState<Source | null>(null);
  const rotate = useRotateSecret();
  const save = useSaveSource((result, vars) => {
    if (editing) return onClose(`Saved ${result.code}.`);
    setSaved(result);
    // Nothing pasted: generate the first secret now, so the source can receive signed deliveries.
    if (!vars.body.secrets) rotate.run({ code: result.code, overlapSeconds: 0 });
  });
  const info = PROVIDER_INFO[draft.provider];

  // A refusal that names a field (unknown channel or location, a validation 400) marks that field, like a local check would.
  const serverError = save.error instanceof ApiError && save.error.field ? save.error : null;
  const serverField = formField(serverError?.field ?? null);
  const refetchCatalog = catalog.refetch;
  useEffect(() => {
    if (serverField) ref.current?.querySelector<HTMLElement>(`[data-field="${serverField}"]`)?.focus();
    // An unknown channel or location means the pickers are out of date: reload them.
    if (serverError?.code === "unknown_channel" || serverError?.code === "unknown_location") void refetchCatalog();
  }, [serverField, serverError, refetchCatalog]);
  const errorOf = (k: FormField) => errorMessage(formState.errors[k] as Parameters<typeof errorMessage>[0], SAY[k]) ?? (serverField === k ? sentence(serverError!.message) : undefined);

  const clear = (k: FormField) => {
    clearErrors(k);
    if (serverField === k) save.reset();
  };
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    clear(k === "provider" ? "secret" : k === "clearNotificationKey" ? "notificationKey" : (k as FormField));
  };
  const setRow = (i: number, patch: Partial<Row>) => {
    setDraft((d) => ({ ...d, locations: d.locations.map((r, j) => (j === i ? { ...r, ...patch } : r)) }));
    clear("locations");
  };
  const submit = handleSubmit(
    () => save.run({ code: editing ? source.code : getValues("code"), body: toBody(getValues(), editing) }),
    (errors) => {
      const first = FORM_FIELDS.find((f) => errors[f]);
      if (first) ref.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
    },
  );
  const described = (k: FormField) => ({ "aria-invalid": errorOf(k) ? true : undefined, "aria-describedby": `${id}-${k}-msg`, "data-field": k });
  /** A text box of the draft: its id (the Field's), its value, `set` on typing, and `described`. */
  const bind = (k: "code" | "channel" | "secret" | "applicationId" | "userId" | "rateLimit") => ({
    id: `${id}-${k}`,
    value: draft[k],
    onChange: (e: ChangeEvent<HTMLInputElement>) => set(k, e.target.value),
    ...described(k),
  });

  return (
    <SidePanel
      dialogRef={ref}
      testId="source-form"
      onClose={() => onClose(saved ? `Registered ${saved.code}.` : undefined)}
      title={
        editing ? (
          <>
            Edit source <span className="font-mono">{source.code}</span>
          </>
        ) : saved ? (
          "Source registered"
        ) : (
          "Register a source"
        )
      }
    >
      {saved ? (
        <div className="space-y-4 px-5 py-4" data-testid="source-registered">
          <p className="text-sm text-slate-700">
            <span className="font-mono font-semibold">{saved.code}</span> ({providerShort(saved.provider)}) is registered. Point the provider&apos;s webhooks at:
          </p>
          <div className="flex items-center gap-2">
            <code className="min-w-0 flex-1 rounded bg-slate-50 px-2 py-1 font-mono text-xs break-all ring-1 ring-slate-200">{origin + saved.webhookPath}</code>
            <CopyButton value={origin + saved.webhookPath} what="the webhook URL" />
          </div>
          {rotate.data?.secret ? (
            <SecretOnce secret={rotate.data.secret} hint={rotate.data.hint} where={secretGoesTo(saved.provider)} onDone={() => ref.current?.close()} />
          ) : rotate.isPending ? (
            <p className="text-sm text-slate-500">Generating the signing secret…</p>
          ) : rotate.error ? (
            <div className="space-y-1">
              <p className="text-sm text-slate-700">The source is saved, but its secret could not be generated. Use Rotate secret on its card.</p>
              <AdminActionError error={rotate.error} />
            </div>
          ) : (
            <p className="text-sm text-slate-600">The secret you pasted is active.</p>
          )}
          {!rotate.data?.secret && (
            <Button variant="primary" onClick={() => ref.current?.close()}>
              Done
            </Button>
          )}
        </div>
      ) : (
        <form noValidate onSubmit={(e) => void submit(e)} className="space-y-4 px-5 py-4">
          <div className="grid grid-cols-2 gap-3">
            <Field
              id={`${id}-code`}
              label="Source code"
              error={errorOf("code")}
              hint={editing ? "The code is the URL segment and every event's source: it cannot change." : "Lower-case, e.g. shop-main; it names the webhook URL."}
            >
              <TextInput {...bind("code")} mono disabled={editing} placeholder="shop-main" />
            </Field>
            <Field id={`${id}-provider`} label="Provider" hint={editing ? "Fixed once registered." : undefined}>
              <select
                id={`${id}-provider`}
                className={input}
                value={draft.provider}
                disabled={editing}
                onChange={(e) => {
                  const p = e.target.value as Provider;
                  setDraft((d) => ({ ...d, provider: p, locations: d.locations.every((r) => !r.location.trim()) ? suggestedRows(p) : d.locations }));
                  clearErrors();
                }}
              >
                {PROVIDERS.map((p) => (
                  <option key={p} value={p}>
                    {PROVIDER_INFO[p].label}
                  </option>
                ))}
              </select>
            </Field>
          </div>

          <aside aria-label={`${info.label}: what to map`} data-testid="provider-help" className="rounded-md bg-sky-50/70 px-3 py-2 text-xs text-slate-700 ring-1 ring-sky-600/15 ring-inset">
            <p className="font-semibold text-slate-900">{info.label}</p>
            <p className="mt-0.5">
              <span className="font-medium">Locations:</span> {info.locationHelp}
            </p>
            <p className="mt-0.5">
              <span className="font-medium">Listings:</span> {info.externalIdHelp} Unmapped ones are parked under Unmapped until you map them.
            </p>
          </aside>

          <Field
            id={`${id}-channel`}
            label={info.channel === "required" ? "Channel" : "Channel (optional)"}
            error={errorOf("channel")}
            hint={
              catalog.isError ? (
                <CatalogProblem error={catalog.error} onRetry={() => void catalog.refetch()} retrying={catalog.isFetching} />
              ) : codes && codes.channels.length === 0 ? (
                <span className="text-amber-800">The catalogue has no channels yet: load it first (PUT /api/catalog), then register the source.</span>
              ) : info.channel === "required" ? (
                "The Onepool channel whose listings resolve this source's products and orders."
              ) : (
                "Only needed when its events name listings without a channel."
              )
            }
          >
            {catalog.isError ? (
              <TextInput {...bind("channel")} mono placeholder="web" />
            ) : (
              <select id={`${id}-channel`} className={input} value={draft.channel} disabled={!codes} onChange={(e) => set("channel", e.target.value)} {...described("channel")}>
                {!codes ? (
                  <option value={draft.channel}>{draft.channel || "Loading the channels…"}</option>
                ) : (
                  <>
                    <option value="">{info.channel === "required" ? "Choose a channel…" : "None"}</option>
                    {codes.channels.map((c) => (
                      <option key={c.code} value={c.code}>
                        {catalogLabel(c)} · {c.kind}
                      </option>
                    ))}
                    {draft.channel && !codes.channels.some((c) => c.code === draft.channel) && <option value={draft.channel}>{draft.channel} (not in the catalogue)</option>}
                  </>
                )}
              </select>
            )}
          </Field>

          {!editing && (
            <Field id={`${id}-secret`} label={info.secretRequired ? "Signing secret (required)" : "Signing secret (optional)"} error={errorOf("secret")} hint={info.secretHelp}>
              <TextInput {...bind("secret")} type="password" mono placeholder={info.secretRequired ? "Paste the app's API secret key" : "Leave empty to generate one"} />
            </Field>
          )}
          {editing && <p className="text-xs text-slate-500">Signing secrets are rotated and revoked on the source&apos;s card.</p>}

          {info.usesLocations && (
            <fieldset>
              <legend className="text-xs font-medium text-slate-700">Location mapping</legend>
              <p className="mt-0.5 text-xs text-slate-500">
                Provider location key → Onepool location, from the catalogue.{" "}
                {catalog.isError ? (
                  <span className="text-amber-800">Type the location codes (the catalogue could not be loaded).</span>
                ) : codes && codes.locations.length === 0 ? (
                  <span className="text-amber-800">The catalogue has no locations yet: load it first (PUT /api/catalog).</span>
                ) : null}
              </p>
              <div className="mt-2 space-y-1.5" data-field="locations" tabIndex={-1} aria-describedby={`${id}-locations-msg`}>
                {draft.locations.map((r, i) => (
                  <div key={i} className="flex items-center gap-2" data-testid="location-row">
                    <TextInput
                      aria-label={`Provider location key ${i + 1}`}
                      aria-invalid={errorOf("locations") && !r.key.trim() ? true : undefined}
                      mono
                      value={r.key}
                      onChange={(e) => setRow(i, { key: e.target.value })}
                      placeholder={info.locationKeys[i] ?? (draft.provider === "amazon" ? "ATVPDKIKX0DER" : "65432109876")}
                    />
                    <span aria-hidden className="text-slate-400">
                      →
                    </span>
                    {catalog.isError ? (
                      <TextInput
                        aria-label={`Onepool location code ${i + 1}`}
                        aria-invalid={errorOf("locations") ? true : undefined}
                        mono
                        value={r.location}
                        onChange={(e) => setRow(i, { location: e.target.value })}
                        placeholder="wh-1"
                      />
                    ) : (
                      <select
                        aria-label={`Onepool location ${i + 1}`}
                        aria-invalid={errorOf("locations") && (serverField === "locations" || !r.location) ? true : undefined}
                        className={`${input} ${r.location ? "" : "text-slate-400"}`}
                        value={r.location}
                        disabled={!codes}
                        onChange={(e) => setRow(i, { location: e.target.value })}
                      >
                        {!codes ? (
                          <option value={r.location}>{r.location || "Loading the locations…"}</option>
                        ) : (
                          <>
                            <option value="">Choose a location…</option>
                            {codes.locations.map((l) => (
                              <option key={l.code} value={l.code} className="text-slate-900">
                                {catalogLabel(l)}
                                {l.sellable ? "" : " (not sellable)"}
                              </option>
                            ))}
                            {r.location && !codes.locations.some((l) => l.code === r.location) && <option value={r.location}>{r.location} (not in the catalogue)</option>}
                          </>
                        )}
                      </select>
                    )}
                    <button
                      type="button"
                      onClick={() => setDraft((d) => ({ ...d, locations: d.locations.filter((_, j) => j !== i) }))}
                      aria-label={`Remove location row ${i + 1}`}
                      className="rounded px-2 py-1 text-sm text-slate-400 hover:bg-slate-100 hover:text-rose-700"
                    >
                      ✕
                    </button>
                  </div>
                ))}
                <button
                  type="button"
                  onClick={() => setDraft((d) => ({ ...d, locations: [...d.locations, { key: "", location: "" }] }))}
                  className="rounded-md border border-dashed border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-600 hover:border-slate-400 hover:text-slate-900"
                >
                  + Add location
                </button>
              </div>
              <FieldMessage id={`${id}-locations`} error={errorOf("locations")} />
            </fieldset>
          )}

          {info.appIds && (
            <div className="grid grid-cols-2 gap-3">
              <Field id={`${id}-applicationId`} label="Application id" error={errorOf("applicationId")} hint="Notifications naming another application are refused.">
                <input {...bind("applicationId")} className={`${input} font-mono`} inputMode="numeric" autoComplete="off" />
              </Field>
              <Field id={`${id}-userId`} label="Seller user id" error={errorOf("userId")}>
                <input {...bind("userId")} className={`${input} font-mono`} inputMode="numeric" autoComplete="off" />
              </Field>
              <div className="col-span-2">
                <Field
                  id={`${id}-notificationKey`}
                  label="Notification key"
                  error={errorOf("notificationKey")}
                  hint={
                    draft.clearNotificationKey ? (
                      <span className="text-amber-800" data-testid="notification-key-cleared">
                        The key is removed when you save: every notification is refused (invalid_key) until a new one is set.{" "}
                        <button
                          type="button"
                          onClick={() => {
                            set("clearNotificationKey", false);
                            setTimeout(() => ref.current?.querySelector<HTMLInputElement>(`[data-field="notificationKey"]`)?.focus());
                          }}
                          className="font-medium underline"
                        >
                          Keep the key
                        </button>
                      </span>
                    ) : editing && source.hasNotificationKey ? (
                      "A key is set: leave empty to keep it, type a new one to replace it, or remove it."
                    ) : (
                      "Your own value (16+ characters) for the notification URL's ?key=; not the signing secret."
                    )
                  }
                >
                  <div className="flex gap-2">
                    <TextInput
                      id={`${id}-notificationKey`}
                      type="password"
                      mono
                      value={draft.clearNotificationKey ? "" : draft.notificationKey}
                      disabled={draft.clearNotificationKey}
                      onChange={(e) => set("notificationKey", e.target.value)}
                      placeholder={draft.clearNotificationKey ? "Removed on save" : editing && source.hasNotificationKey ? "•••••••• (set)" : undefined}
                      {...described("notificationKey")}
                    />
                    {editing && source.hasNotificationKey && !draft.clearNotificationKey && (
                      <button
                        type="button"
                        onClick={() => {
                          setDraft((d) => ({ ...d, notificationKey: "", clearNotificationKey: true }));
                          clear("notificationKey");
                          // The button goes away: focus its undo.
                          setTimeout(() => ref.current?.querySelector<HTMLButtonElement>("[data-testid=notification-key-cleared] button")?.focus());
                        }}
                        className="shrink-0 rounded-md border border-slate-300 bg-white px-2.5 text-xs font-medium text-rose-700 hover:bg-rose-50"
                      >
                        Remove key
                      </button>
                    )}
                  </div>
                </Field>
              </div>
            </div>
          )}

          <Field
            id={`${id}-rateLimit`}
            label="Rate limit (requests per minute)"
            error={errorOf("rateLimit")}
            hint={editing ? undefined : "Empty: 6,000 per minute. Over it, deliveries get 429 with Retry-After and the provider retries."}
          >
            <input {...bind("rateLimit")} className={`${input.replace("w-full", "w-40")} tabular-nums`} inputMode="numeric" placeholder="6000" autoComplete="off" />
          </Field>

          {!serverField && <AdminActionError error={save.error} />}

          <DialogActions place="panel" onCancel={() => ref.current?.close()} pending={save.isPending} submit={editing ? "Save changes" : "Register source"} pendingLabel="Saving…" />
        </form>
      )}
    </SidePanel>
  );
}
