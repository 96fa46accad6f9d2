import type { ButtonHTMLAttributes } from "react";
import { primaryBtn, secondaryBtn, smallBtn } from "./form-styles";

// The buttons the screens use, so a page does not carry its own copy of the class list.
const VARIANTS = {
  /** The one action of a page or dialog (Add person, Issue token, Save). */
  primary: primaryBtn,
  /** Cancel, Load more, the other actions beside a primary one. */
  secondary: secondaryBtn,
  /** Row actions and confirm strips in tables. */
  small: smallBtn,
  /** The ✕ that closes a dialog or side panel. */
  close: "rounded px-2 py-1 text-sm text-slate-500 hover:bg-slate-100 hover:text-slate-900",
} as const;
export type ButtonVariant = keyof typeof VARIANTS;

export function buttonCls(variant: ButtonVariant = "secondary", className?: string): string {
  return className ? `${VARIANTS[variant]} ${className}` : VARIANTS[variant];
}

/** A `type="button"` unless told otherwise: a button inside a form never submits it by accident. */
export function Button({ variant = "secondary", className, type = "button", ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type={type} className={buttonCls(variant, className)} {...rest} />;
}
