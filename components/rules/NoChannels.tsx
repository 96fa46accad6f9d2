/** The catalogue has no channel yet: rules are per channel, so there is nothing to set. */
export function NoChannels() {
  return (
    <div data-testid="rules-no-channels" className="mx-auto my-6 max-w-2xl rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <div aria-hidden className="mx-auto mb-3 grid size-10 place-items-center rounded-full bg-slate-100 text-lg text-slate-500">
        ∅
      </div>
      <h2 className="text-base font-semibold text-slate-900">No channels in the catalogue</h2>
      <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
        Rules decide how much each sales channel may show, so they need channels first. An admin adds them to the catalogue; each then appears here as a tab.
      </p>
    </div>
  );
}
