import { ApiError } from "@/client/api/fetch-json";

/** A failed load: what went wrong, in the API's words, and a way to try again. */
export function ErrorPanel({ title, error, onRetry, retrying }: { title: string; error: unknown; onRetry: () => void; retrying?: boolean }) {
  const api = error instanceof ApiError ? error : null;
  const detail = api
    ? api.code === "network"
      ? "The server did not answer. Check that Onepool is running and reachable from this browser."
      : `${api.message.charAt(0).toUpperCase()}${api.message.slice(1)}.`.replace(/\.\.$/, ".")
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <div role="alert" className="mx-auto my-10 max-w-lg rounded-lg border border-rose-200 bg-white p-6 text-center shadow-sm">
      <div aria-hidden className="mx-auto mb-3 grid size-10 place-items-center rounded-full bg-rose-50 text-lg text-rose-600">
        !
      </div>
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      <p className="mt-1 text-sm text-slate-600">{detail}</p>
      {api && api.status > 0 && (
        <p className="mt-1 font-mono text-xs text-slate-400">
          HTTP {api.status} · {api.code}
        </p>
      )}
      <button
        type="button"
        onClick={onRetry}
        disabled={retrying}
        className="mt-4 inline-flex items-center gap-2 rounded-md bg-slate-900 px-3.5 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60"
      >
        {retrying ? "Retrying…" : "Retry"}
      </button>
    </div>
  );
}
