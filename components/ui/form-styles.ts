// Class lists shared by the forms (the same look as the admin dialogs).

export const inputCls =
  "h-8 w-full rounded-md border border-slate-300 bg-white px-2 text-sm shadow-xs placeholder:font-sans placeholder:text-slate-400 focus:border-sky-500 focus:ring-2 focus:ring-sky-500/20 focus:outline-none aria-invalid:border-rose-400 disabled:bg-slate-50 disabled:text-slate-500";
export const labelCls = "block text-xs font-medium text-slate-700";
export const primaryBtn = "rounded-md bg-slate-900 px-3.5 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60";
export const secondaryBtn = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60";
/** The small buttons in table rows and confirm strips. */
export const smallBtn = "rounded-md border border-slate-300 bg-white px-2.5 py-0.5 text-xs font-medium whitespace-nowrap text-slate-700 hover:bg-slate-50 disabled:opacity-60";
export const msgCls = (error: unknown) => `mt-1 text-xs ${error ? "text-rose-700" : "text-slate-500"}`;
