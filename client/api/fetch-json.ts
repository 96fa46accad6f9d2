// One way to call the JSON API from the browser: errors become ApiError with the API's
// `{ error: { code, message, details? } }` fields, or code "network" when the server could not be reached.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The request field the API blamed (`error.details.field`, e.g. "channel" or "sources.0"), so a form can mark it. */
    readonly field: string | null = null,
    /** The rest of `error.details` as sent (validation issues, per-event results…). */
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
}

export async function fetchJson<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { accept: "application/json", ...init?.headers } });
  } catch {
    throw new ApiError(0, "network", "The Onepool server could not be reached.");
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (body as ErrorBody | null)?.error;
    const details = err?.details;
    const field = details && typeof details === "object" && typeof (details as { field?: unknown }).field === "string" ? (details as { field: string }).field : null;
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? `The server answered ${res.status} ${res.statusText}.`, field || null, details);
  }
  return body as T;
}

/** 4xx answers are final; network errors and 5xx are worth another try. */
export const isRetryable = (err: unknown) => !(err instanceof ApiError) || err.status === 0 || err.status >= 500;
