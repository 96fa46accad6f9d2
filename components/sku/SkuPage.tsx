"use client";

import { ApiError } from "@/client/api/fetch-json";
import type { SkuDetail } from "@/client/api/types";
import { SkuAlerts } from "@/components/alerts/SkuAlerts";
import { ErrorPanel } from "@/components/ui/ErrorPanel";
import { useSkuDetail } from "@/hooks/use-sku-detail";
import { useSkuLive } from "@/hooks/use-sku-live";
import { ChannelNumbers } from "./ChannelNumbers";
import { IncomingLines } from "./IncomingLines";
import { LedgerEvents } from "./LedgerEvents";
import { LocationBuckets } from "./LocationBuckets";
import { SkuHeader } from "./SkuHeader";
import { SkuNotFound } from "./SkuNotFound";
import { SkuPageFrame } from "./SkuPageFrame";
import { SkuSkeleton } from "./SkuSkeleton";
import { SourcesSaid } from "./SourcesSaid";
import { VelocityChart } from "./VelocityChart";

/** `/skus/<code>`: one SKU's numbers, buckets, incoming, sales and ledger, live. */
export function SkuPage({ code, initial }: { code: string; initial?: { detail: SkuDetail; fetchedAt: number } }) {
  const detail = useSkuDetail(code, initial);
  useSkuLive(code);
  const sku = detail.data;

  let body: React.ReactNode;
  if (detail.error instanceof ApiError && detail.error.status === 404) {
    body = <SkuNotFound code={code} />;
  } else if (detail.isError && !sku) {
    body = <ErrorPanel title={`Couldn't load ${code}`} error={detail.error} onRetry={() => void detail.refetch()} retrying={detail.isFetching} />;
  } else if (!sku) {
    body = <SkuSkeleton />;
  } else {
    body = (
      <div className="space-y-5">
        <SkuHeader sku={sku} />
        <SkuAlerts code={code} />
        <ChannelNumbers sku={sku} />
        <LocationBuckets code={code} locations={sku.locations} availableReal={sku.availableReal} />
        <SourcesSaid code={code} />
        <div className="grid gap-5 lg:grid-cols-5">
          <div className="lg:col-span-3">
            <VelocityChart code={code} />
          </div>
          <div className="lg:col-span-2">
            <IncomingLines locations={sku.locations} />
          </div>
        </div>
        <LedgerEvents code={code} />
      </div>
    );
  }

  return <SkuPageFrame>{body}</SkuPageFrame>;
}
