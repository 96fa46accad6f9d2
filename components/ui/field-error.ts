import type { FieldError } from "react-hook-form";
import { sentence } from "@/client/api/error-text";

/**
 * A field's error from react-hook-form + zodResolver as a sentence. The contract's own words
 * ("cannot be negative") become "Cannot be negative."; `say` replaces them per zod issue code
 * (`too_big`, `invalid_type`, …) where the form can say it better. The contract still decides what
 * is refused: `say` only words it.
 */
export function errorMessage(error: FieldError | undefined, say?: Partial<Record<string, string>>): string | undefined {
  if (!error) return undefined;
  return say?.[error.type] ?? (error.message ? sentence(error.message) : undefined);
}
