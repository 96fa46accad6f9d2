import "server-only";
import type { ReactNode } from "react";
import { Guarded } from "@/app/Guarded";
import type { Permission } from "@/lib/auth/roles";

export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * A screen's page (docs/ARCHITECTURE.md "A new screen"): `<Guarded>` around what `body` makes of the
 * query string. Every guarded page had written out the same async signature and wrapper; this is it once.
 */
export function guardedPage(guard: { permission: Permission; path: string; admin?: boolean }, body: (sp: SearchParams) => ReactNode) {
  // biome-ignore lint/correctness/noComponentHookFactories: called once, at a page module's top level; the component is made once, not per render.
  return async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
    const sp = await searchParams;
    return <Guarded {...guard}>{body(sp)}</Guarded>;
  };
}
