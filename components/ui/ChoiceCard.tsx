import type { InputHTMLAttributes, ReactNode, Ref } from "react";

/**
 * One choice of a list of them (a role, a token's scopes): a bordered row, pressed-looking while
 * checked, with its name over a line of help. The rest of the props go to the radio or checkbox.
 */
export function ChoiceCard({
  title,
  help,
  mono = false,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, "className" | "title"> & {
  type: "radio" | "checkbox";
  title: ReactNode;
  help: ReactNode;
  /** The name is a code (`stock:read`), set in monospace. */
  mono?: boolean;
  ref?: Ref<HTMLInputElement>;
}) {
  return (
    <label className="flex cursor-pointer items-start gap-2.5 rounded-md px-2 py-1.5 ring-1 ring-slate-200 ring-inset hover:bg-slate-50 has-checked:bg-slate-50 has-checked:ring-slate-400">
      <input {...input} className="mt-0.5 size-4 accent-slate-900" />
      <span className="min-w-0">
        <span className={`${mono ? "font-mono " : ""}text-sm font-medium text-slate-900`}>{title}</span>
        <span className="block text-xs text-slate-500">{help}</span>
      </span>
    </label>
  );
}
