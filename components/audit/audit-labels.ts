// Audit actions in words live in lib/audit/actions.ts (one typed table with the server's recordAudit).
export { actionLabel, groupActions, subjectLabel, subjectOf } from "@/lib/audit/actions";

export const ACTOR_KINDS = {
  user: { label: "person", cls: "bg-emerald-50 text-emerald-800 ring-emerald-600/20", hint: "A signed-in person" },
  token: { label: "token", cls: "bg-sky-50 text-sky-800 ring-sky-600/20", hint: "A connector token" },
  system: { label: "system", cls: "bg-slate-100 text-slate-600 ring-slate-400/25", hint: "Onepool itself (setup, start-up configuration, jobs)" },
} as const;
