"use client";

import { CodeBlock } from "@/components/ui/CodeBlock";
import { SetupGuide } from "@/components/ui/SetupGuide";

/** No connector token at all (people sign in; only machines need tokens): how to issue the first. */
export function TokensEmptyState({ onIssue }: { onIssue(): void }) {
  return (
    <SetupGuide
      testId="tokens-empty"
      title="No connector tokens yet"
      intro={
        <>
          A token lets a machine call Onepool: a WMS or ERP posting events (<code>ingest</code>), a script reading stock (<code>read</code>), an admin script (<code>admin</code>). Give each sender its
          own, limited to its sources, so it can be rotated or revoked on its own.
        </>
      }
    >
      <button type="button" onClick={onIssue} className="mt-4 rounded-md bg-slate-900 px-3.5 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
        Issue the first token
      </button>
      <p className="mt-5 mb-2 text-sm font-medium text-slate-800">…or on the server:</p>
      <CodeBlock label="Issue a token from the command line" code="npm run token -- create wms-eu --scopes ingest --sources wms-eu-1 --days 90" />
    </SetupGuide>
  );
}
