import { describe, expect, it } from "vitest";
import { z } from "zod";
import { contractResolver } from "./contract-resolver";

// A form whose inputs make the body: the body's schema judges, and each refusal lands on the input that made it.
const schema = z.object({ name: z.string().trim().min(1), expiresInDays: z.number().int().min(1).nullish(), tags: z.array(z.string().max(3)) }).strict();
interface Draft {
  name: string;
  days: string;
  tags: string[];
}
const toBody = (d: Draft) => ({ name: d.name, expiresInDays: d.days ? Number(d.days) : null, tags: d.tags });
const fieldOf = (path: string): keyof Draft | null => (path === "expiresInDays" ? "days" : path.startsWith("tags") ? "tags" : path === "name" ? "name" : null);
const resolve = (d: Draft) => contractResolver(schema, toBody, fieldOf)(d, undefined, { fields: {}, shouldUseNativeValidation: false });

describe("contractResolver", () => {
  it("returns the parsed body when the schema accepts it", async () => {
    expect(await resolve({ name: " a ", days: "30", tags: ["x"] })).toEqual({ values: { name: "a", expiresInDays: 30, tags: ["x"] }, errors: {} });
  });
  it("puts each refusal on the input that made the field, with the zod code as its type", async () => {
    const r = await resolve({ name: " ", days: "abc", tags: ["ok", "toolong"] });
    expect(r.values).toEqual({});
    expect(Object.keys(r.errors).sort()).toEqual(["days", "name", "tags"]);
    expect(r.errors.name?.type).toBe("too_small");
    expect(r.errors.days?.type).toBe("invalid_type");
    expect(r.errors.tags?.type).toBe("too_big");
  });
});
