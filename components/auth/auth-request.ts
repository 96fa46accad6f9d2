import { ApiError } from "@/client/api/fetch-json";

// better-auth answers errors as `{ code, message }` at the top level; our own routes (and the
// sign-in limiter) as `{ error: { code, message } }`. This reads both.

export class AuthError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    /** Seconds to wait before trying again (429 Retry-After), when the server said. */
    readonly retryAfter: number | null = null,
  ) {
    super(status, code, message);
    this.name = "AuthError";
  }
}

interface AuthErrorBody {
  code?: string;
  message?: string;
  error?: { code?: string; message?: string };
}

/** POST JSON to an /api/auth endpoint; the session cookie goes along (same origin). */
export async function postAuth<T = unknown>(path: string, body: unknown = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) });
  } catch {
    throw new AuthError(0, "network", "The Onepool server could not be reached.");
  }
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const b = (data ?? {}) as AuthErrorBody;
    const code = b.error?.code ?? b.code ?? `http_${res.status}`;
    const message = b.error?.message ?? b.message ?? `The server answered ${res.status} ${res.statusText}.`;
    const wait = Number(res.headers.get("retry-after"));
    throw new AuthError(res.status, code, message, Number.isFinite(wait) && wait > 0 ? wait : null);
  }
  return data as T;
}

export const signInEmail = (email: string, password: string) => postAuth("/api/auth/sign-in/email", { email, password });

export const signOut = () => postAuth("/api/auth/sign-out", {});

/** "3 minutes", "45 seconds": for a Retry-After. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.ceil(seconds))} second${Math.ceil(seconds) === 1 ? "" : "s"}`;
  const m = Math.ceil(seconds / 60);
  return `${m} minute${m === 1 ? "" : "s"}`;
}
