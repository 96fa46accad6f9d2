/** `path` with a query string of the parameters that have a value (null, undefined and "" are left out), in the order given. */
export function apiUrl(path: string, params: Record<string, string | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
