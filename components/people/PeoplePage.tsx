"use client";

import { DoneNotice } from "@/components/ui/DoneNotice";
import { useState } from "react";
import { DataTable } from "@/components/ui/DataTable";
import { QueryStates } from "@/components/ui/QueryStates";
import { useViewer } from "@/components/auth/ViewerProvider";
import { formatInt } from "@/client/format/numbers";
import { useNow } from "@/hooks/use-now";
import { usePeople } from "@/hooks/use-people";
import { AddPersonDialog } from "./AddPersonDialog";
import { endedText } from "./people";
import { PasswordOnce } from "./PasswordOnce";
import { PeopleEmptyState } from "./PeopleEmptyState";
import { PersonRow, type PasswordSet } from "./PersonRow";
import { Button } from "@/components/ui/Button";
import { PageHeader } from "@/components/ui/PageHeader";

/** `/admin/users`: who can sign in and with which role; add, change role, deactivate, reset passwords. */
export function PeoplePage() {
  const q = usePeople();
  const viewer = useViewer();
  const now = useNow(15_000);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [password, setPassword] = useState<PasswordSet | null>(null);
  const people = q.data?.people ?? null;
  const active = people?.filter((p) => p.active).length ?? 0;
  const say = (message: string) => {
    setPassword(null);
    setNotice(message);
  };
  const addClosed = (message?: string) => {
    setAdding(false);
    if (message) say(message);
  };

  const table = (
    <DataTable
      columns={["Name", "Email", "Role", "Status", "Signed in", "Last seen", "Added", { label: "Actions", hidden: true }]}
      rows={people}
      rowKey={(p) => p.id}
      row={(p) => (
        <PersonRow
          p={p}
          now={now}
          self={p.id === viewer?.id}
          onNotice={say}
          onPasswordSet={(r) => {
            setNotice(null);
            setPassword(r);
          }}
        />
      )}
      caption="People who can sign in, admins first; deactivated people last"
      testId="people"
      skeletonRows={5}
      skeletonTestId="people-loading"
      responsive="xl"
    />
  );
  const body = (
    <QueryStates query={q} errorTitle="Couldn't load people" shown="list received" loading={table}>
      {() => (
        <>
          {table}
          {people && (
            <p className="mt-2 text-xs text-slate-500" data-testid="people-count">
              {formatInt(people.length)} {people.length === 1 ? "person" : "people"}, {formatInt(active)} active · admins first, deactivated last · sessions and last seen refresh every 30 s
            </p>
          )}
          {people && people.length <= 1 && <PeopleEmptyState onAdd={() => setAdding(true)} />}
        </>
      )}
    </QueryStates>
  );

  return (
    <main className="mx-auto max-w-[1600px] px-4 py-4">
      <PageHeader title="People" description="Who can sign in, and what their role lets them do. Deactivating or resetting a password signs the person out everywhere at once.">
        <a href="/admin/scorecard-mail" data-testid="scorecard-mail-link" className="text-sm font-medium text-slate-700 underline hover:text-slate-900">
          Scorecard e-mails
        </a>
        <Button variant="primary" className="ml-auto" data-testid="add-person" onClick={() => setAdding(true)}>
          Add person
        </Button>
      </PageHeader>
      {notice && (
        <DoneNotice testId="people-notice" onDismiss={() => setNotice(null)}>
          {notice}
        </DoneNotice>
      )}
      {password && (
        <div className="mb-3">
          <PasswordOnce name={password.name} password={password.password} onDone={() => setPassword(null)}>
            <p className="mt-2 text-xs text-amber-900" data-testid="password-sessions-ended" data-sessions-ended={password.sessionsEnded}>
              {password.self ? (
                <>
                  You were signed out everywhere, this browser included.{" "}
                  <a href="/sign-in?next=/admin/users" className="font-medium underline">
                    Sign in again
                  </a>{" "}
                  after copying it.
                </>
              ) : (
                <>The old password no longer works; {endedText(password.sessionsEnded)}.</>
              )}
            </p>
          </PasswordOnce>
        </div>
      )}
      {body}
      {adding && <AddPersonDialog onClose={addClosed} />}
    </main>
  );
}
