/** A query parameter's value in the address bar; empty (null, undefined or "") means "not there". */
export type ParamValue = string | null | undefined;

/**
 * `href` with each named query parameter set to its value, or removed where the value is empty.
 * Parameters not named, and the hash, are kept as they are; a parameter already there keeps its place.
 */
export function withParams(href: string, params: Readonly<Record<string, ParamValue>>): string {
  const url = new URL(href);
  for (const [key, value] of Object.entries(params)) {
    if (value) url.searchParams.set(key, value);
    else url.searchParams.delete(key);
  }
  return url.href;
}
