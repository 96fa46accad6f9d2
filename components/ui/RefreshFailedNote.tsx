// The one line a list or panel shows when a background refresh failed but earlier data is still on
// screen: say so, keep the data, offer a retry. The first load's failure is an ErrorPanel instead.
export function RefreshFailedNote({
  shown,
  onRetry,
  inline = false,
  className = "",
}: {
  /** What stays on screen, e.g. "list received", "answer". */
  shown: string;
  onRetry: () => void;
  /** Inside a line of text (a toolbar) rather than a paragraph of its own. */
  inline?: boolean;
  className?: string;
}) {
  const Tag = inline ? "span" : "p";
  return (
    <Tag role="alert" className={`text-xs text-rose-700 ${className}`.trim()}>
      Refresh failed; showing the last {shown}.{" "}
      <button type="button" className="underline" onClick={onRetry}>
        Retry
      </button>
    </Tag>
  );
}
