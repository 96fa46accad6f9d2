import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto my-16 max-w-md px-4 text-center">
      <p className="text-xs font-semibold tracking-wide text-slate-400 uppercase">404</p>
      <h1 className="mt-2 text-lg font-semibold text-slate-900">This page does not exist</h1>
      <Link href="/" className="mt-5 inline-block rounded-md bg-slate-900 px-3.5 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
        Go to live stock
      </Link>
    </main>
  );
}
