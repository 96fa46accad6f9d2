import { ApiError } from "@/client/api/fetch-json";
import { errorText } from "@/client/api/error-text";

/**
 * A failed write, inline where it was made, with the API's code for whoever reports it. `as="span"`
 * where it sits inside a line of text (a button's row), where a paragraph cannot.
 */
export function InlineError({ error, className = "", testId = "action-error", as: Tag = "p" }: { error: unknown; className?: string; testId?: string; as?: "p" | "span" }) {
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  return (
    <Tag role="alert" data-testid={testId} data-code={api?.code} className={`text-xs text-rose-700 ${className}`}>
      {errorText(error)}
      {api && api.status > 0 && (
        <span className="ml-1 font-mono text-[11px] text-rose-400">
          HTTP {api.status} · {api.code}
        </span>
      )}
    </Tag>
  );
}
