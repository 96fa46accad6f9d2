"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { sendJson } from "@/client/api/send-json";
import { queryKeys } from "@/client/api/query-keys";
import type { PeopleResponse, PersonUpdated, UpdatePersonBody } from "@/client/api/types";

export interface UpdatePersonVars {
  id: string;
  body: UpdatePersonBody;
}

/** `PATCH /api/users/<id>`: name, role, active or password. Each caller gets its own pending and error state. */
export function useUpdatePerson(onUpdated?: (result: PersonUpdated, vars: UpdatePersonVars) => void) {
  const qc = useQueryClient();
  return useMutation<PersonUpdated, unknown, UpdatePersonVars>({
    mutationFn: ({ id, body }) => sendJson<PersonUpdated>("PATCH", `/api/users/${encodeURIComponent(id)}`, body),
    onSuccess: async (result, vars) => {
      // Patch the row at once, so a role select does not snap back while the list reloads.
      const { password, ...fields } = vars.body;
      const signedOut = password !== undefined || fields.active === false;
      qc.setQueryData<PeopleResponse>(
        queryKeys.people,
        (old) =>
          old && {
            people: old.people.map((p) =>
              p.id !== vars.id
                ? p
                : { ...p, ...fields, sessions: signedOut ? 0 : p.sessions, deactivatedAt: fields.active === false ? new Date().toISOString() : fields.active ? null : p.deactivatedAt },
            ),
          },
      );
      onUpdated?.(result, vars);
      await Promise.all([qc.invalidateQueries({ queryKey: queryKeys.people }), qc.invalidateQueries({ queryKey: queryKeys.auditAll })]);
    },
  });
}
