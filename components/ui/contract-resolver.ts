import type { FieldErrors, FieldValues, Resolver } from "react-hook-form";
import type { z } from "zod";

/**
 * A react-hook-form resolver for a form whose inputs are not the request body itself (a text box
 * for a number, a preset for a count of days): `toBody` makes the body, the route's own schema
 * (lib/contracts/) parses it, and each refusal lands on the input that made the field (`fieldOf`,
 * from the API's path such as `expiresInDays` or `sources.3`). When the inputs are the body, use
 * `zodResolver(schema)` from @hookform/resolvers directly.
 */
export function contractResolver<Draft extends FieldValues, Schema extends z.ZodType>(
  schema: Schema,
  toBody: (draft: Draft) => unknown,
  fieldOf: (path: string) => keyof Draft | null = (path) => path.split(".")[0] as keyof Draft,
): Resolver<Draft, unknown, z.output<Schema>> {
  return async (draft) => {
    const parsed = schema.safeParse(toBody(draft));
    if (parsed.success) return { values: parsed.data, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path.map(String).join("."));
      if (field && !errors[field as string]) errors[field as string] = { type: issue.code, message: issue.message };
    }
    return { values: {}, errors: errors as FieldErrors<Draft> };
  };
}
