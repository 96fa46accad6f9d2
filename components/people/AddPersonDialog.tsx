"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { blamedField, fieldMessage } from "@/client/api/error-text";
import type { CreatePersonBody, PersonCreated } from "@/client/api/types";
import { SidePanel, DialogActions } from "@/components/ui/Dialog";
import { ChoiceCard } from "@/components/ui/ChoiceCard";
import { Field, FieldGroup, fieldProps } from "@/components/ui/Field";
import { errorMessage } from "@/components/ui/field-error";
import { InlineError } from "@/components/ui/InlineError";
import { inputCls, labelCls } from "@/components/ui/form-styles";
import { TextInput } from "@/components/ui/TextInput";
import { useCreatePerson } from "@/hooks/use-create-person";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";
import { createPersonSchema, MAX_EMAIL_LENGTH, MAX_NAME_LENGTH } from "@/lib/contracts/people";
import { generatePassword } from "./generate-password";
import { PasswordField } from "./PasswordField";
import { PasswordOnce } from "./PasswordOnce";
import { passwordProblem, ROLE_HELP } from "./people";

const FIELDS = ["name", "email", "role", "password"] as const;
type FormField = (typeof FIELDS)[number];
const resolver = zodResolver(createPersonSchema);

/** "Add person" (`POST /api/users`) in a side panel: name, email, role and a first password to hand over. */
export function AddPersonDialog({ onClose }: { onClose(message?: string): void }) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  // The route's own schema (lib/contracts/people.ts) checks the form and trims/lower-cases what it sends.
  const { register, handleSubmit, watch, setValue, setFocus, clearErrors, formState } = useForm<CreatePersonBody, unknown, z.output<typeof createPersonSchema>>({
    resolver,
    defaultValues: { name: "", email: "", role: "analyst", password: generatePassword() },
  });
  const [created, setCreated] = useState<{ result: PersonCreated; password: string } | null>(null);
  const create = useCreatePerson((result, body) => setCreated({ result, password: body.password }));

  // After the panel's showModal (a child's effect runs first).
  useEffect(() => setFocus("name"), [setFocus]);

  // A refusal naming a field (400 validation, 409 email_taken) is shown under it, like a local check.
  const blamed = blamedField(create.error);
  const served = FIELDS.includes(blamed as FormField) ? (blamed as FormField) : null;
  useEffect(() => {
    if (served) ref.current?.querySelector<HTMLElement>(`[data-field="${served}"]`)?.focus();
  }, [served, create.error]);
  const pw = watch("password");
  const say: Record<FormField, Partial<Record<string, string>>> = {
    name: { too_small: "Their name, as colleagues know them.", too_big: `At most ${MAX_NAME_LENGTH} characters.` },
    email: { invalid_format: "An email address: they sign in with it.", too_big: `At most ${MAX_EMAIL_LENGTH} characters.` },
    role: {},
    password: Object.fromEntries(["too_small", "too_big"].map((c) => [c, passwordProblem(pw) ?? ""])),
  };
  const errorOf = (k: FormField) => errorMessage(formState.errors[k], say[k]) ?? fieldMessage(create.error, k);
  const resetServed = (k: FormField) => () => served === k && create.reset();
  const close = () => ref.current?.close();

  return (
    <SidePanel
      dialogRef={ref}
      testId="add-person-form"
      onClose={() => onClose(created ? `Added ${created.result.name} (${created.result.email}) as ${ROLE_LABELS[created.result.role].toLowerCase()}.` : undefined)}
      title={created ? "Person added" : "Add a person"}
    >
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
        <form noValidate onSubmit={(e) => void handleSubmit((body) => create.mutate(body))(e)} className="space-y-5 px-5 py-4">
          <Field id={`${id}-name`} label="Name" error={errorOf("name")} hint="Shown in the header and recorded in the audit log with every change they make.">
            <input {...fieldProps(`${id}-name`, "name", errorOf("name"))} {...register("name", { onChange: resetServed("name") })} className={inputCls} placeholder="Dana Ortiz" autoComplete="off" />
          </Field>

          <Field id={`${id}-email`} label="Email" error={errorOf("email")} hint="They sign in with it (compared without case)." msgTestId="email-msg">
            <TextInput {...fieldProps(`${id}-email`, "email", errorOf("email"))} {...register("email", { onChange: resetServed("email") })} type="email" placeholder="dana@example.com" />
          </Field>

          <FieldGroup id={`${id}-role`} field="role" legend="Role" error={errorOf("role")}>
            <div className="mt-1.5 space-y-1.5">
              {ROLES.map((r: Role) => (
                <ChoiceCard key={r} type="radio" {...register("role", { onChange: resetServed("role") })} value={r} title={ROLE_LABELS[r]} help={ROLE_HELP[r]} />
              ))}
            </div>
          </FieldGroup>

          <div>
            <label htmlFor={`${id}-password`} className={labelCls}>
              First password
            </label>
            <div className="mt-1">
              <PasswordField
                id={`${id}-password`}
                value={pw}
                onChange={(v) => {
                  setValue("password", v, { shouldValidate: formState.isSubmitted });
                  if (!formState.isSubmitted) clearErrors("password");
                  resetServed("password")();
                }}
                error={errorOf("password")}
                hint="Generated for you; type your own if you prefer. Copy it before adding: it is shown once more afterwards, then never again."
              />
            </div>
          </div>

          {!served && <InlineError error={create.error} />}

          <DialogActions place="panel" onCancel={close} pending={create.isPending} submit="Add person" pendingLabel="Adding…" />
        </form>
      )}
    </SidePanel>
  );
}
