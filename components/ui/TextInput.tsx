import type { ComponentProps } from "react";
import { inputCls } from "./form-styles";

/**
 * A form's text box for text typed exactly (a name, code, key, address or secret): the browser
 * neither fills it in nor marks its spelling, which such text would always fail; a caller may still
 * override either (`autoComplete="new-password"`). `mono` for codes, keys and URLs; `className` adds
 * to `inputCls` (a margin). The rest, `register(…)`'s ref included, goes to the `<input>`.
 */
export function TextInput({ mono = false, className, ...props }: ComponentProps<"input"> & { mono?: boolean }) {
  return <input autoComplete="off" spellCheck={false} {...props} className={[inputCls, mono && "font-mono", className].filter(Boolean).join(" ")} />;
}
