"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { fieldMessage } from "@/client/api/error-text";
import { AdminActionError } from "@/components/admin/AdminActionError";
import { Field, fieldProps } from "@/components/ui/Field";
import { labelCls, msgCls } from "@/components/ui/form-styles";
import { TextInput } from "@/components/ui/TextInput";
import { useSaveAlertDestination, type AlertDestinationView, type SavedDestination } from "@/hooks/use-alert-destinations";
import { alertDestinationForm, destinationBody, type AlertDestinationFormInput, type AlertDestinationFormValues } from "@/lib/contracts/alert-destinations";
import { ALERT_KINDS, isAlertKind } from "@/lib/alerts/kinds";
import { kindLabel } from "./alert-text";
import { newSigningSecret, urlIsMasked } from "./destination-text";
import { DialogActions } from "@/components/ui/Dialog";

const FIELDS = ["name", "url", "format", "secret", "kinds", "enabled"] as const;

/**
 * Add or edit an alert destination. The form validates with the route's own schema
 * (lib/alerts/destination-input.ts); the server's 400s land on the field they name. A secret
 * Onepool generates (new standard destination, or "Rotate") comes back to the page, shown once.
 */
export function DestinationFormDialog({ editing, onClose }: { editing: AlertDestinationView | null; onClose(saved?: SavedDestination & { rotated?: string }): void }) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const save = useSaveAlertDestination();
  const [rotate, setRotate] = useState(false);
  const masked = editing ? urlIsMasked(editing.url) : false;
  const { register, handleSubmit, watch, formState } = useForm<AlertDestinationFormInput, unknown, AlertDestinationFormValues>({
    resolver: zodResolver(alertDestinationForm),
    defaultValues: {
      name: editing?.name ?? "",
      url: editing && !masked ? editing.url : "",
      format: editing?.format ?? "standard",
      kinds: editing?.kinds.filter(isAlertKind) ?? [],
      enabled: editing?.enabled ?? true,
    },
  });
  const format = watch("format");
  const kinds = watch("kinds");

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const submit = (v: AlertDestinationFormValues) => {
    const body = destinationBody(v);
    // Rotation: a fresh secret made here (the API keeps a standard destination's secret when none is given).
    const rotated = v.format === "standard" && rotate && !v.secret ? newSigningSecret() : undefined;
    if (rotated) body.secret = rotated;
    save.mutate({ name: v.name, body }, { onSuccess: (saved) => onClose({ ...saved, ...(rotated && { rotated }) }) });
  };
  const err = (f: (typeof FIELDS)[number]) => formState.errors[f]?.message ?? fieldMessage(save.error, f);
  const placed = FIELDS.some((f) => fieldMessage(save.error, f));
  const close = () => ref.current?.close();

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      onClose={() => onClose()}
      data-testid="destination-dialog"
      className="m-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-lg overflow-y-auto rounded-lg border border-slate-200 bg-white p-0 text-sm text-slate-900 shadow-2xl backdrop:bg-slate-900/30"
    >
      <form noValidate data-testid="destination-form" onSubmit={(e) => void handleSubmit(submit)(e)}>
        <div className="border-b border-slate-200 px-4 py-3">
          <h2 id={`${id}-title`} className="text-base font-semibold">
            {editing ? (
              <>
                Edit <span className="font-mono">{editing.name}</span>
              </>
            ) : (
              "Add a destination"
            )}
          </h2>
          <p className="text-xs text-slate-500">At most one message per kind every 5 minutes, naming its subjects; retried until it is taken.</p>
        </div>
        <div className="space-y-4 px-4 py-3">
          {!editing && (
            <Field id={`${id}-name`} label="Name" error={err("name")} hint="Lower-case letters, digits, _ and -. It cannot be changed later.">
              <TextInput {...fieldProps(`${id}-name`, "name", err("name"))} data-testid="destination-name" mono placeholder="oncall" {...register("name")} />
            </Field>
          )}
          <fieldset>
            <legend className={labelCls}>Format</legend>
            <div className="mt-1 grid gap-2 sm:grid-cols-2">
              {(["standard", "slack"] as const).map((f) => (
                <label key={f} className="flex items-start gap-2 rounded-md border border-slate-200 px-2.5 py-2 has-checked:border-slate-900 has-checked:bg-slate-50">
                  <input type="radio" value={f} className="mt-0.5" data-testid={`destination-format-${f}`} {...register("format")} />
                  <span>
                    <span className="block font-medium">{f === "standard" ? "Standard Webhooks" : "Slack"}</span>
                    <span className="block text-xs text-slate-500">{f === "standard" ? "Signed JSON for your receiver or paging tool" : "An incoming webhook's URL: { text }"}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <Field
            id={`${id}-url`}
            label="URL"
            error={err("url")}
            hint={
              masked ? (
                <>
                  Enter the URL again: the saved one is shown as <span className="font-mono break-all">{editing!.url}</span> because part of it is a credential.
                </>
              ) : (
                "A public address (private and loopback ones are refused unless the operator allowed them)."
              )
            }
          >
            <TextInput
              {...fieldProps(`${id}-url`, "url", err("url"))}
              data-testid="destination-url"
              type="url"
              inputMode="url"
              mono
              placeholder={format === "slack" ? "https://hooks.slack.com/services/…" : "https://alerts.example.com/onepool"}
              {...register("url", { setValueAs: (v: string) => v.trim() })}
            />
          </Field>
          {format === "standard" && (
            <div>
              <Field
                id={`${id}-secret`}
                label="Signing secret"
                optional
                error={err("secret")}
                hint="whsec_… or 16 characters or more. One Onepool makes is shown once, after saving; a given one is never shown back."
              >
                <TextInput
                  {...fieldProps(`${id}-secret`, "secret", err("secret"))}
                  data-testid="destination-secret"
                  type="password"
                  autoComplete="new-password"
                  disabled={rotate}
                  mono
                  placeholder={editing?.format === "standard" ? "Leave empty to keep the current one" : "Leave empty and Onepool makes one"}
                  {...register("secret", { shouldUnregister: true, setValueAs: (v: string | undefined) => (v ? v : undefined) })}
                />
              </Field>
              {editing?.format === "standard" && (
                <label className="mt-2 flex items-center gap-2 text-xs text-slate-700">
                  <input type="checkbox" data-testid="destination-rotate" checked={rotate} onChange={(e) => setRotate(e.target.checked)} />
                  Rotate: make a new secret now (the receiver must switch to it: messages from then on are signed with it)
                </label>
              )}
            </div>
          )}
          <fieldset>
            <legend className={labelCls}>Kinds</legend>
            <p className="text-xs text-slate-500">{kinds?.length ? `${kinds.length} of ${ALERT_KINDS.length} kinds.` : "None ticked: every kind."}</p>
            <div className="mt-1 grid grid-cols-1 gap-x-3 gap-y-1 sm:grid-cols-2">
              {ALERT_KINDS.map((k) => (
                <label key={k} className="flex items-center gap-2">
                  <input type="checkbox" value={k} data-testid={`destination-kind-${k}`} {...register("kinds")} />
                  <span className="min-w-0 truncate" title={k}>
                    {kindLabel(k)}
                  </span>
                </label>
              ))}
            </div>
            {err("kinds") && <p className={msgCls(true)}>{err("kinds")}</p>}
          </fieldset>
          <label className="flex items-start gap-2">
            <input type="checkbox" className="mt-0.5" data-testid="destination-enabled" {...register("enabled")} />
            <span>
              On <span className="block text-xs text-slate-500">Off: nothing new is queued for it (messages already made still go).</span>
            </span>
          </label>
          {save.error && !placed ? <AdminActionError error={save.error} /> : null}
        </div>
        <DialogActions place="sticky" onCancel={close} pending={save.isPending} submit={editing ? "Save changes" : "Add destination"} pendingLabel="Saving…" submitTestId="destination-save" />
      </form>
    </dialog>
  );
}
