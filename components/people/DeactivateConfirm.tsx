"use client";

import type { PersonUpdated, PersonView } from "@/client/api/types";
import { InlineError } from "@/components/ui/InlineError";
import { useUpdatePerson } from "@/hooks/use-update-person";
import { ConfirmStrip } from "@/components/ui/ConfirmStrip";

/** Deactivate, under the person's row: their sessions and live connections end now, until reactivated. */
export function DeactivateConfirm({ person, self, onDone, onCancel }: { person: PersonView; self: boolean; onDone(result: PersonUpdated): void; onCancel(): void }) {
  const update = useUpdatePerson((result) => onDone(result));
  const n = person.sessions;
  return (
    <div className="space-y-1.5">
      <ConfirmStrip
        label={`Confirm deactivation of ${person.name}`}
        tone="rose"
        testId="deactivate-confirm"
        // Not the row's "Deactivate <name>": a voice user says what they see, and the two must differ.
        confirm={self ? "Yes, deactivate me" : `Yes, deactivate ${person.name}`}
        pendingLabel="Deactivating…"
        pending={update.isPending}
        onConfirm={() => update.mutate({ id: person.id, body: { active: false } })}
        onCancel={onCancel}
      >
        {self ? (
          <p role="alert" className="font-medium" data-testid="deactivate-self-warning">
            This is you. Your sessions end now, this browser included, and you cannot sign in again until another admin reactivates you.
          </p>
        ) : (
          <p>
            Their sessions end now: {n === 0 ? "they are not signed in anywhere at the moment" : `signed in on ${n} browser${n === 1 ? "" : "s"}, ${n === 1 ? "it is" : "all are"} signed out at once`},
            and open live pages disconnect. They cannot sign in until reactivated; what they did stays in the audit log.
          </p>
        )}
      </ConfirmStrip>
      <InlineError error={update.error} testId="person-error" />
    </div>
  );
}
