"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { sendJson } from "@/client/api/send-json";
import { queryKeys } from "@/client/api/query-keys";
import type { CreatePersonBody, PersonCreated } from "@/client/api/types";

/** `POST /api/users`: a new person with a first password, to hand over. */
export function useCreatePerson(onCreated?: (result: PersonCreated, body: CreatePersonBody) => void) {
  const qc = useQueryClient();
  return useMutation<PersonCreated, unknown, CreatePersonBody>({
    mutationFn: (body) => sendJson<PersonCreated>("POST", "/api/users", body),
    onSuccess: async (result, body) => {
      onCreated?.(result, body);
      await Promise.all([qc.invalidateQueries({ queryKey: queryKeys.people }), qc.invalidateQueries({ queryKey: queryKeys.auditAll })]);
    },
  });
}
