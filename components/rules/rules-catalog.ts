import type { CatalogCodes } from "@/client/api/types";

/** A channel as the rules page uses it. Its latency comes with its rules (GET /api/rules): measured or configured. */
export interface RulesChannel {
  code: string;
  name: string;
  kind: string;
}

export const catalogChannels = (c: CatalogCodes | undefined): RulesChannel[] => c?.channels ?? [];

/** SKU tags from the catalogue; null when this API does not list them (the tag field is typed then). */
export function catalogTags(c: CatalogCodes | undefined): string[] | null {
  const tags = (c as { tags?: unknown } | undefined)?.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : null;
}
