import { EmptyState } from "@/components/ui/EmptyState";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { ROLE_HELP } from "./people";

/** Only you so far: what adding people gives, and the roles to pick from. */
export function PeopleEmptyState({ onAdd }: { onAdd(): void }) {
  return (
    <EmptyState testId="people-empty" title="Only you so far" mark="+" className="mt-4 max-w-2xl py-8">
      <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">Add your team with the least role they need; every change they make is recorded in the audit log under their name.</p>
      <ul className="mx-auto mt-4 max-w-md space-y-1 text-left text-xs text-slate-600">
        {ROLES.map((r) => (
          <li key={r}>
            <span className="font-medium text-slate-900">{ROLE_LABELS[r]}</span> — {ROLE_HELP[r]}
          </li>
        ))}
      </ul>
      <button type="button" onClick={onAdd} className="mt-5 rounded-md bg-slate-900 px-3.5 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
        Add person
      </button>
    </EmptyState>
  );
}
