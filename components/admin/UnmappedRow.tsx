"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import type { MapListingResult, SkuRow, UnmappedListing } from "@/client/api/types";
import { useCan } from "@/components/auth/ViewerProvider";
import { formatInt } from "@/client/format/numbers";
import { formatAbsolute, formatRelative } from "@/client/format/time";
import { EventTypeBadge } from "@/components/sku/EventTypeBadge";
import { contractResolver } from "@/components/ui/contract-resolver";
import { useMapListing } from "@/hooks/use-map-listing";
import { type MapListingBody, mapListingSchema } from "@/lib/contracts/mappings";
import { AdminActionError } from "./AdminActionError";
import { SkuPicker } from "./SkuPicker";
import { stacked } from "./stacked-table";

export const UNMAPPED_COLUMNS = 8;

/** One parked listing; "Map to SKU" opens the picker under it, and a mapping replays its events. */
export function UnmappedRow({ listing: l, now, onMapped }: { listing: UnmappedListing; now: number; onMapped(result: MapListingResult): void }) {
  const [mapping, setMapping] = useState(false);
  const canMap = useCan("mappings.write");
  // The picked SKU makes the route's body (lib/contracts/mappings.ts); Map stays off until one is picked.
  const resolver = useMemo(
    () =>
      contractResolver(
        mapListingSchema,
        (d: { sku: SkuRow | null }) => ({ channel: l.channel, externalId: l.externalId, sku: d.sku?.code ?? "" }),
        () => "sku",
      ),
    [l.channel, l.externalId],
  );
  const { handleSubmit, watch, setValue, reset } = useForm<{ sku: SkuRow | null }, unknown, MapListingBody>({ resolver, defaultValues: { sku: null } });
  const sku = watch("sku");
  const map = useMapListing(onMapped);
  const pickerRef = useRef<HTMLInputElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (mapping) pickerRef.current?.focus();
  }, [mapping]);
  useEffect(() => {
    if (sku) submitRef.current?.focus();
  }, [sku]);
  const cancel = () => {
    setMapping(false);
    reset();
    map.reset();
    setTimeout(() => openRef.current?.focus());
  };

  return (
    <>
      <tr
        data-testid="unmapped-row"
        data-channel={l.channel}
        data-external-id={l.externalId}
        className={`[&>td]:border-b [&>td]:border-slate-100 [&>td]:px-3 [&>td]:py-1.5 ${stacked.row} max-xl:after:order-1 max-xl:after:basis-full max-xl:after:content-[''] ${mapping ? "bg-sky-50/60 max-xl:border-b-0" : "even:bg-slate-50/50"}`}
      >
        <td className="font-mono text-xs whitespace-nowrap text-slate-700">{l.channel}</td>
        <td className="font-mono text-xs font-medium [overflow-wrap:anywhere] text-slate-900 max-xl:min-w-[8rem] max-xl:flex-1">{l.externalId}</td>
        <td className={`text-right font-semibold tabular-nums max-xl:order-2 max-xl:text-xs max-xl:font-normal ${stacked.labelled}`} data-col="events" data-label="Parked events">
          {formatInt(l.events)}
        </td>
        <td className={`text-xs text-slate-600 max-xl:order-2 ${stacked.labelled}`} data-label="From">
          {l.sources.join(", ")}
        </td>
        <td className="max-xl:order-2">
          <span className="flex flex-wrap gap-1">
            {l.types.map((t) => (
              <EventTypeBadge key={t} type={t} />
            ))}
          </span>
        </td>
        <td className={`text-xs whitespace-nowrap text-slate-600 max-xl:order-2 ${stacked.labelled}`} data-label="First seen">
          <time dateTime={l.firstAt} title={formatAbsolute(l.firstAt)}>
            {formatRelative(l.firstAt, now)}
          </time>
        </td>
        <td className={`text-xs whitespace-nowrap text-slate-600 max-xl:order-2 ${stacked.labelled}`} data-label="Last seen">
          <time dateTime={l.lastAt} title={formatAbsolute(l.lastAt)}>
            {formatRelative(l.lastAt, now)}
          </time>
        </td>
        <td className={`text-right ${stacked.actions}`}>
          {canMap && !mapping && (
            <button
              ref={openRef}
              type="button"
              onClick={() => setMapping(true)}
              aria-label={`Map to SKU: ${l.channel} listing ${l.externalId}`}
              className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium whitespace-nowrap text-slate-700 hover:bg-slate-50"
            >
              Map to SKU
            </button>
          )}
        </td>
      </tr>
      {canMap && mapping && (
        <tr data-testid="map-row" className={`bg-sky-50/60 [&>td]:border-b [&>td]:border-sky-100 ${stacked.panelRow}`}>
          <td colSpan={UNMAPPED_COLUMNS} className={`px-3 pt-1 pb-3 ${stacked.panelCell}`}>
            <form onSubmit={(e) => void handleSubmit((body) => map.run(body))(e)} onKeyDown={(e) => e.key === "Escape" && cancel()} className="flex flex-wrap items-start gap-2">
              <span className="pt-1.5 text-xs text-slate-600">
                Map{" "}
                <span className="font-mono font-medium text-slate-900">
                  {l.channel} / {l.externalId}
                </span>{" "}
                to
              </span>
              <SkuPicker inputRef={pickerRef} value={sku} onChange={(s) => setValue("sku", s)} onCancel={cancel} label={`SKU for ${l.channel} listing ${l.externalId}`} />
              <button ref={submitRef} type="submit" disabled={!sku || map.isPending} className="h-8 rounded-md bg-slate-900 px-3 text-xs font-medium text-white hover:bg-slate-700 disabled:opacity-50">
                {map.isPending ? "Mapping…" : `Map and replay ${formatInt(l.events)} event${l.events === 1 ? "" : "s"}`}
              </button>
              <button type="button" onClick={cancel} className="h-8 rounded-md border border-slate-300 bg-white px-3 text-xs font-medium text-slate-700 hover:bg-slate-50">
                Cancel
              </button>
              <AdminActionError error={map.error} className="basis-full" />
              {!map.error && (
                <p className="basis-full text-xs text-slate-500">The mapping is added to the catalogue and every parked event of this listing is replayed once, at the time it first arrived.</p>
              )}
            </form>
          </td>
        </tr>
      )}
    </>
  );
}
