"use client";

import { CodeBlock } from "@/components/ui/CodeBlock";
import { useOrigin } from "@/hooks/use-origin";
import { SetupGuide } from "@/components/ui/SetupGuide";

/** No SKUs at all: how to load a catalogue and send the first events. */
export function StockEmptyState() {
  const origin = useOrigin();
  const head = (method: string, path: string) => `curl -X ${method} ${origin}${path} \\
  -H "Authorization: Bearer $ONEPOOL_TOKEN" -H "Content-Type: application/json" \\
  -d '`;
  const catalog = `${head("PUT", "/api/catalog")}{
  "skus":      [{ "code": "KNEE-BRACE-M-BLK", "name": "Knee brace, M, black", "leadTimeDays": 14 }],
  "locations": [{ "code": "wh-1", "name": "Main warehouse", "type": "warehouse", "sellable": true }],
  "channels":  [{ "code": "web", "name": "Own website", "kind": "website" }]
}'`;
  const events = `${head("POST", "/api/events")}{
  "id": "rcv-1", "source": "wms-1", "type": "receipt", "sku": "KNEE-BRACE-M-BLK",
  "location": "wh-1", "quantity": 120, "occurredAt": "'$(date -u +%Y-%m-%dT%H:%M:%SZ)'"
}'`;
  return (
    <SetupGuide
      testId="empty-state"
      title="No SKUs yet"
      wide
      intro={
        <>
          Onepool shows one live stock pool per SKU once it knows your catalogue and starts receiving events. Use a connector token with the <code className="rounded bg-slate-100 px-1">catalog</code>{" "}
          and <code className="rounded bg-slate-100 px-1">ingest</code> scopes (or <code className="rounded bg-slate-100 px-1">ONEPOOL_BOOTSTRAP_TOKEN</code>) as{" "}
          <code className="rounded bg-slate-100 px-1">$ONEPOOL_TOKEN</code>.
        </>
      }
    >
      <ol className="mt-5 space-y-5 text-sm">
        <li>
          <p className="mb-2 font-medium text-slate-800">
            1. Load the catalogue — SKUs, locations and channels (<code>PUT /api/catalog</code>, idempotent)
          </p>
          <CodeBlock label="Load the catalogue" code={catalog} />
        </li>
        <li>
          <p className="mb-2 font-medium text-slate-800">
            2. Post events as stock moves — receipts, orders, counts… (<code>POST /api/events</code>, one event or up to 1,000)
          </p>
          <CodeBlock label="Post an event" code={events} />
        </li>
      </ol>
      <p className="mt-5 text-sm text-slate-500">This page updates by itself as soon as the first SKU arrives — no reload needed.</p>
    </SetupGuide>
  );
}
