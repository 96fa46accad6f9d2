"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef } from "react";
import { useForm } from "react-hook-form";
import { errorText, fieldMessage } from "@/client/api/error-text";
import { sendJson } from "@/client/api/send-json";
import { Field, fieldProps } from "@/components/ui/Field";
import { inputCls, labelCls, primaryBtn, secondaryBtn } from "@/components/ui/form-styles";
import { contractResolver } from "@/components/ui/contract-resolver";
import { errorMessage } from "@/components/ui/field-error";
import { useCatalog } from "@/hooks/use-catalog";
import { type OpenCountBody, openCountSchema } from "@/lib/contracts/counts";
import { useCountAction } from "./count-api";

/** The inputs: the location, which way SKUs are chosen, and each way's value. */
interface Draft {
  location: string;
  by: "due" | "tag" | "skus";
  due: number;
  tag: string;
  skus: string;
  blind: boolean;
}

/** The body the draft makes (only the chosen way); the route's openCountSchema (lib/contracts/counts.ts) judges it. */
function toBody(v: Draft): OpenCountBody {
  const selection =
    v.by === "due"
      ? { due: v.due }
      : v.by === "tag"
        ? { tag: v.tag }
        : {
            skus: [
              ...new Set(
                v.skus
                  .split(/[\s,;]+/)
                  .map((s) => s.trim())
                  .filter(Boolean),
              ),
            ],
          };
  return { location: v.location, blind: v.blind, ...selection };
}
const resolver = contractResolver(openCountSchema, toBody);
const SAY: Partial<Record<keyof Draft, Partial<Record<string, string>>>> = {
  location: { too_small: "Pick a location." },
  due: { invalid_type: "A number of rows.", too_small: "At least 1.", too_big: "At most 5,000." },
  tag: { too_small: "Pick a tag." },
  skus: { too_small: "List at least one SKU code.", too_big: "At most 5,000." },
};

/** Open a count: a location and what to count (the N most due, a tag, or SKU codes), blind by default. */
export function OpenCountDialog({ onClose }: { onClose(): void }) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const catalog = useCatalog();
  const open = useCountAction((body: OpenCountBody) => sendJson<{ id: string }>("POST", "/api/counts", body));
  const { register, handleSubmit, watch, formState } = useForm<Draft, unknown, OpenCountBody>({
    resolver,
    defaultValues: { location: "", by: "due", due: 50, tag: "", skus: "", blind: true },
  });
  const by = watch("by");

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const submit = (body: OpenCountBody) => open.mutate(body, { onSuccess: (r) => router.push(`/counts/${encodeURIComponent(r.id)}`) });
  const err = (f: keyof Draft) => errorMessage(formState.errors[f], SAY[f]) ?? fieldMessage(open.error, f);

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-200 bg-white p-0 text-sm text-slate-900 shadow-2xl backdrop:bg-slate-900/30"
    >
      <form noValidate data-testid="open-count-form" onSubmit={(e) => void handleSubmit(submit)(e)}>
        <div className="border-b border-slate-200 px-4 py-3">
          <h2 id={`${id}-title`} className="text-base font-semibold">
            Open a count
          </h2>
          <p className="text-xs text-slate-500">Nothing reaches the stock numbers until a reviewer approves it.</p>
        </div>
        <div className="space-y-4 px-4 py-3">
          <Field id={`${id}-loc`} label="Location" error={err("location")}>
            <select {...fieldProps(`${id}-loc`, "location", err("location"))} data-testid="count-location" className={inputCls} {...register("location")}>
              <option value="">{catalog.isPending ? "Loading…" : "Pick a location"}</option>
              {catalog.data?.locations.map((l) => (
                <option key={l.code} value={l.code}>
                  {l.name} ({l.code})
                </option>
              ))}
            </select>
          </Field>
          <fieldset>
            <legend className={labelCls}>What to count</legend>
            <div className="mt-1 flex flex-wrap gap-3">
              {(["due", "tag", "skus"] as const).map((k) => (
                <label key={k} className="flex items-center gap-1.5">
                  <input type="radio" value={k} {...register("by")} /> {k === "due" ? "Most due" : k === "tag" ? "A tag" : "Listed SKUs"}
                </label>
              ))}
            </div>
          </fieldset>
          {by === "due" && (
            <Field id={`${id}-due`} label="How many rows" error={err("due")} hint="Never counted first, then the oldest count, then the most value on hand.">
              <input {...fieldProps(`${id}-due`, "due", err("due"))} type="number" inputMode="numeric" className={`${inputCls} w-28`} {...register("due", { valueAsNumber: true })} />
            </Field>
          )}
          {by === "tag" && (
            <Field id={`${id}-tag`} label="Tag" error={err("tag")}>
              <select {...fieldProps(`${id}-tag`, "tag", err("tag"))} className={inputCls} {...register("tag")}>
                <option value="">Pick a tag</option>
                {catalog.data?.tags.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {by === "skus" && (
            <Field id={`${id}-skus`} label="SKU codes" error={err("skus")}>
              <textarea
                {...fieldProps(`${id}-skus`, "skus", err("skus"))}
                data-testid="count-skus"
                rows={4}
                className={`${inputCls} h-auto py-1 font-mono`}
                {...register("skus")}
                placeholder="One per line, or separated by commas"
              />
            </Field>
          )}
          <label className="flex items-start gap-2">
            <input type="checkbox" className="mt-0.5" {...register("blind")} />
            <span>
              Blind count <span className="block text-xs text-slate-500">Whoever counts does not see the system number; the reviewer does.</span>
            </span>
          </label>
          {open.error && !["location", "skus", "tag", "due"].some((f) => fieldMessage(open.error, f)) && (
            <p role="alert" className="text-xs text-rose-700">
              {errorText(open.error)}
            </p>
          )}
        </div>
        <div className="flex justify-end gap-2 border-t border-slate-200 px-4 py-3">
          <button type="button" className={secondaryBtn} onClick={() => ref.current?.close()}>
            Cancel
          </button>
          <button type="submit" className={primaryBtn} disabled={open.isPending} data-testid="open-count-submit">
            {open.isPending ? "Opening…" : "Open count"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
