import Link from "next/link";

/** The SKU page's frame (width, the way back to the list), for the page and its not-found state. */
export function SkuPageFrame({ children }: { children: React.ReactNode }) {
  return (
    <main className="mx-auto max-w-[1600px] px-4 py-4">
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link href="/" className="text-slate-500 hover:text-slate-900">
          ← Live stock
        </Link>
      </nav>
      {children}
    </main>
  );
}
