/** No rule on this channel: what it shows now, how rules stack, and where to start. */
export function RulesEmptyState({ channelName, canWrite, onSetDefault }: { channelName: string; canWrite: boolean; onSetDefault(): void }) {
  return (
    <div data-testid="rules-empty" className="mx-auto my-4 max-w-2xl rounded-lg border border-dashed border-slate-300 bg-white px-6 py-8 text-center">
      <div aria-hidden className="mx-auto mb-3 grid size-10 place-items-center rounded-full bg-emerald-50 text-lg text-emerald-600">
        =
      </div>
      <h2 className="text-base font-semibold text-slate-900">No rules on {channelName}</h2>
      <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
        Every field is 0 and nothing caps it, so {channelName} publishes available real as it is (less any reserves other channels keep for themselves).
      </p>
      <ol className="mx-auto mt-4 max-w-md space-y-1 text-left text-xs text-slate-600">
        <li>
          <span className="font-medium text-slate-900">SKU override</span> — one SKU; wins over everything below.
        </li>
        <li>
          <span className="font-medium text-slate-900">Tag rules</span> — SKUs with a tag; the earliest created wins when several match.
        </li>
        <li>
          <span className="font-medium text-slate-900">Channel default</span> — every SKU on the channel.
        </li>
        <li className="text-slate-500">Each field resolves on its own: a rule may set just a buffer and inherit the rest.</li>
      </ol>
      {canWrite && (
        <button type="button" onClick={onSetDefault} className="mt-5 rounded-md bg-slate-900 px-3.5 py-1.5 text-sm font-medium text-white hover:bg-slate-700" data-testid="set-default-empty">
          Set channel default
        </button>
      )}
    </div>
  );
}
