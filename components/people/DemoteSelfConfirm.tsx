"use client";

import type { PersonView } from "@/client/api/types";
import { InlineError } from "@/components/ui/InlineError";
import { useUpdatePerson } from "@/hooks/use-update-person";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { ConfirmStrip } from "@/components/ui/ConfirmStrip";
import { permissionsLost } from "./people";

/** Lowering your own role takes effect at once and only another admin can undo it: say what is lost first. */
export function DemoteSelfConfirm({ person, to, onDone, onCancel }: { person: PersonView; to: Role; onDone(): void; onCancel(): void }) {
  const update = useUpdatePerson(() => onDone());
  const lost = permissionsLost(person.role, to);
  return (
    <div className="space-y-1.5">
      <ConfirmStrip
        label={`Make yourself ${ROLE_LABELS[to].toLowerCase()}`}
        tone="amber"
        testId="demote-self-confirm"
        confirm={`Make me ${ROLE_LABELS[to].toLowerCase()}`}
        pendingLabel="Changing…"
        pending={update.isPending}
        onConfirm={() => update.mutate({ id: person.id, body: { role: to } })}
        onCancel={onCancel}
        cancelLabel={`Stay ${ROLE_LABELS[person.role].toLowerCase()}`}
      >
        <p className="font-medium">You are about to lower your own role to {ROLE_LABELS[to].toLowerCase()}.</p>
        {lost.length > 0 && <p className="mt-0.5">From now on you could no longer {lost.join(", ")}. Only another admin can give it back.</p>}
      </ConfirmStrip>
      <InlineError error={update.error} testId="person-error" />
    </div>
  );
}
