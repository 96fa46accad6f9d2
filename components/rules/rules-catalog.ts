import type { CatalogCodes } from "@/components/api/types";

/** A channel as the rules page uses it; latency comes with the catalogue once the API sends it. */
export interface RulesChannel {
  code: string;
  name: string;
  kind: string;
  latencyMinutes?: number | null;
}

export const catalogChannels = (c: CatalogCodes | undefined): RulesChannel[] => c?.channels ?? [];

/** SKU tags from the catalogue; null when this API does not list them (the tag field is typed then). */
export function catalogTags(c: CatalogCodes | undefined): string[] | null {
  const tags = (c as { tags?: unknown } | undefined)?.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : null;
}

export function latencyText(c: RulesChannel): string {
  const m = c.latencyMinutes;
  if (m === null || m === undefined) return "no latency configured";
  if (m < 60) return `${m} min latency`;
  const h = m / 60;
  return `${Number.isInteger(h) ? h : h.toFixed(1)} h latency`;
}
