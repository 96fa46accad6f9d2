/** One query parameter of a page, trimmed (and cut to `max` characters when given); null when absent, repeated or blank. */
export function searchParam(sp: Record<string, string | string[] | undefined>, key: string, max?: number): string | null {
  const v = sp[key];
  return typeof v === "string" && v.trim() ? v.trim().slice(0, max) : null;
}
