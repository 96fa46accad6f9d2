import Link from "next/link";
import { skuHref } from "./sku-href";

/** A list's SKU cell: the code, linking to its page, and its name under it when the list has one. */
export function SkuCodeLink({ code, name }: { code: string; name?: string }) {
  return (
    <>
      <Link href={skuHref(code)} prefetch={false} className="font-mono text-xs font-medium break-all text-slate-900 hover:underline">
        {code}
      </Link>
      {name !== undefined && <div className="truncate text-xs text-slate-500">{name}</div>}
    </>
  );
}
