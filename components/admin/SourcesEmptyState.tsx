"use client";

import { CodeBlock } from "@/components/ui/CodeBlock";
import { useOrigin } from "@/hooks/use-origin";
import { PROVIDER_INFO, PROVIDERS } from "./providers";
import { ReadOnlyNote } from "./ReadOnlyNote";
import { SetupGuide } from "@/components/ui/SetupGuide";

/** No source registered yet: what a source is, and the two ways to register the first one (the first only for those who may). */
export function SourcesEmptyState({ onRegister }: { onRegister: (() => void) | null }) {
  const origin = useOrigin();
  const curl = `curl -X PUT ${origin}/api/sources/shop-main \\
  -H "Authorization: Bearer $ONEPOOL_ADMIN_TOKEN" -H "Content-Type: application/json" \\
  -d '{ "provider": "shopify", "channel": "web", "secrets": ["<the app's API secret key>"],
        "locations": { "default": "wh-1", "65432109876": "store-1" } }'`;
  return (
    <SetupGuide
      testId="sources-empty"
      title="No sources registered yet"
      wide
      intro={
        <>
          A source is one sender of webhooks — a Shopify store, a WooCommerce site, an Amazon or MercadoLibre relay, or any system signing canonical events with Standard Webhooks. Registering it gives
          it a webhook URL, a signing secret, and the map from its location ids to your Onepool locations.
        </>
      }
    >
      <ol className="mt-5 space-y-4 text-sm">
        <li>
          <p className="font-medium text-slate-800">1. Load the catalogue first, so the channel and locations it maps to exist.</p>
        </li>
        <li>
          {onRegister ? (
            <>
              <p className="font-medium text-slate-800">2. Register the source here…</p>
              <button type="button" onClick={onRegister} className="mt-2 rounded-md bg-slate-900 px-3.5 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
                Register the first source
              </button>
            </>
          ) : (
            <p className="font-medium text-slate-800">
              2. An admin registers the source here… <ReadOnlyNote className="ml-1 align-middle">Only admins can change sources</ReadOnlyNote>
            </p>
          )}
        </li>
        <li>
          <p className="mb-2 font-medium text-slate-800">
            …or from a script (<code>PUT /api/sources/&lt;code&gt;</code>, a token with the <code>admin</code> scope):
          </p>
          <CodeBlock label="Register a source" code={curl} />
        </li>
        <li>
          <p className="font-medium text-slate-800">3. Paste its webhook URL and secret into the provider. Deliveries then show up here with their health.</p>
        </li>
      </ol>
      <p className="mt-5 text-xs text-slate-500">Providers: {PROVIDERS.map((p) => PROVIDER_INFO[p].label).join(" · ")}.</p>
    </SetupGuide>
  );
}
