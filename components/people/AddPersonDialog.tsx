"use client";

import { useEffect, useId, useRef, useState } from "react";
import { blamedField, fieldMessage } from "@/client/api/error-text";
import type { CreatePersonBody, PersonCreated } from "@/client/api/types";
import { InlineError } from "@/components/ui/InlineError";
import { inputCls, labelCls, msgCls, primaryBtn, secondaryBtn } from "@/components/ui/form-styles";
import { useCreatePerson } from "@/hooks/use-create-person";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";
import { generatePassword } from "./generate-password";
import { PasswordField } from "./PasswordField";
import { PasswordOnce } from "./PasswordOnce";
import { MAX_EMAIL, MAX_NAME, passwordProblem, ROLE_HELP } from "./people";

const FIELDS = ["name", "email", "role", "password"] as const;
type Field = (typeof FIELDS)[number];
type Errors = Partial<Record<Field, string>>;

function validate(d: CreatePersonBody): Errors {
  const e: Errors = {};
  if (!d.name.trim()) e.name = "Their name, as colleagues know them.";
  else if (d.name.trim().length > MAX_NAME) e.name = `At most ${MAX_NAME} characters.`;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(d.email.trim())) e.email = "An email address: they sign in with it.";
  else if (d.email.trim().length > MAX_EMAIL) e.email = `At most ${MAX_EMAIL} characters.`;
  e.password = passwordProblem(d.password);
  if (!e.password) delete e.password;
  return e;
}

/** "Add person" (`POST /api/users`) in a side panel: name, email, role and a first password to hand over. */
export function AddPersonDialog({ onClose }: { onClose(message?: string): void }) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<CreatePersonBody>(() => ({ name: "", email: "", role: "analyst", password: generatePassword() }));
  const [errors, setErrors] = useState<Errors>({});
  const [created, setCreated] = useState<{ result: PersonCreated; password: string } | null>(null);
  const create = useCreatePerson((result, body) => setCreated({ result, password: body.password }));

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) {
      d.showModal();
      nameRef.current?.focus();
    }
  }, []);

  // A refusal naming a field (400 validation, 409 email_taken) is shown under it, like a local check.
  const blamed = blamedField(create.error);
  const served = FIELDS.includes(blamed as Field) ? (blamed as Field) : null;
  useEffect(() => {
    if (served) ref.current?.querySelector<HTMLElement>(`[data-field="${served}"]`)?.focus();
  }, [served, create.error]);
  const errorOf = (k: Field) => errors[k] ?? fieldMessage(create.error, k);

  const set = <K extends keyof CreatePersonBody>(k: K, v: CreatePersonBody[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined }));
    if (served === k) create.reset();
  };
  const submit = () => {
    const e = validate(draft);
    setErrors(e);
    const first = (["name", "email", "password"] as const).find((k) => e[k]);
    if (first) {
      ref.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
      return;
    }
    create.mutate({ ...draft, name: draft.name.trim(), email: draft.email.trim().toLowerCase() });
  };
  const described = (k: Field) => ({ "aria-invalid": errorOf(k) ? true : undefined, "aria-describedby": `${id}-${k}-msg`, "data-field": k });
  const close = () => ref.current?.close();

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      data-testid="add-person-form"
      onClose={() => onClose(created ? `Added ${created.result.name} (${created.result.email}) as ${ROLE_LABELS[created.result.role].toLowerCase()}.` : undefined)}
      className="fixed inset-y-0 right-0 left-auto m-0 h-dvh max-h-none w-full max-w-xl overflow-y-auto border-l border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/30"
    >
      <div className="sticky top-0 z-10 flex items-center justify-between border-b border-slate-200 bg-white px-5 py-3">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {created ? "Person added" : "Add a person"}
        </h2>
        <button type="button" onClick={close} aria-label="Close" className="rounded px-2 py-1 text-sm text-slate-500 hover:bg-slate-100 hover:text-slate-900">
          ✕
        </button>
      </div>

      {created ? (
        <div className="space-y-4 px-5 py-4" data-testid="person-added">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-500">Name</dt>
            <dd className="font-medium">{created.result.name}</dd>
            <dt className="text-slate-500">Signs in as</dt>
            <dd className="font-mono text-xs leading-5">{created.result.email}</dd>
            <dt className="text-slate-500">Role</dt>
            <dd>{ROLE_LABELS[created.result.role]}</dd>
          </dl>
          <PasswordOnce name={created.result.name} password={created.password} onDone={close} />
        </div>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
          className="space-y-5 px-5 py-4"
        >
          <div>
            <label htmlFor={`${id}-name`} className={labelCls}>
              Name
            </label>
            <input ref={nameRef} id={`${id}-name`} className={`${inputCls} mt-1`} value={draft.name} onChange={(e) => set("name", e.target.value)} placeholder="Dana Ortiz" autoComplete="off" {...described("name")} />
            <p id={`${id}-name-msg`} className={msgCls(errorOf("name"))}>
              {errorOf("name") ?? "Shown in the header and recorded in the audit log with every change they make."}
            </p>
          </div>

          <div>
            <label htmlFor={`${id}-email`} className={labelCls}>
              Email
            </label>
            <input id={`${id}-email`} type="email" className={`${inputCls} mt-1`} value={draft.email} onChange={(e) => set("email", e.target.value)} placeholder="dana@example.com" autoComplete="off" spellCheck={false} {...described("email")} />
            <p id={`${id}-email-msg`} className={msgCls(errorOf("email"))} data-testid="email-msg">
              {errorOf("email") ?? "They sign in with it (compared without case)."}
            </p>
          </div>

          <fieldset data-field="role" tabIndex={-1} aria-describedby={`${id}-role-msg`} className="outline-none">
            <legend className={labelCls}>Role</legend>
            <div className="mt-1.5 space-y-1.5">
              {ROLES.map((r: Role) => (
                <label key={r} className="flex cursor-pointer items-start gap-2.5 rounded-md px-2 py-1.5 ring-1 ring-slate-200 ring-inset hover:bg-slate-50 has-checked:bg-slate-50 has-checked:ring-slate-400">
                  <input type="radio" name={`${id}-role`} value={r} checked={draft.role === r} onChange={() => set("role", r)} className="mt-0.5 size-4 accent-slate-900" />
                  <span className="min-w-0">
                    <span className="text-sm font-medium text-slate-900">{ROLE_LABELS[r]}</span>
                    <span className="block text-xs text-slate-500">{ROLE_HELP[r]}</span>
                  </span>
                </label>
              ))}
            </div>
            {errorOf("role") && (
              <p id={`${id}-role-msg`} className="mt-1 text-xs text-rose-700">
                {errorOf("role")}
              </p>
            )}
          </fieldset>

          <div>
            <label htmlFor={`${id}-password`} className={labelCls}>
              First password
            </label>
            <div className="mt-1">
              <PasswordField id={`${id}-password`} value={draft.password} onChange={(v) => set("password", v)} error={errorOf("password")} hint="Generated for you; type your own if you prefer. Copy it before adding: it is shown once more afterwards, then never again." />
            </div>
          </div>

          {!served && <InlineError error={create.error} />}

          <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
            <button type="button" onClick={close} className={secondaryBtn}>
              Cancel
            </button>
            <button type="submit" disabled={create.isPending} className={primaryBtn}>
              {create.isPending ? "Adding…" : "Add person"}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
