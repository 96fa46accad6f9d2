import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstAdminSchema, formatSetupCode, normalizeSetupCode } from "./first-admin";

describe("setup code", () => {
  it("is 12 unambiguous symbols in three groups, and survives the ways people copy it", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
        const code = formatSetupCode(bytes);
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
        expect(normalizeSetupCode(` ${code.toLowerCase().replace(/-/g, " ")} `)).toBe(normalizeSetupCode(code));
      }),
    );
    expect(normalizeSetupCode("ab0-ILo")).toBe("AB0110");
  });

  it("different bytes give different codes", () => {
    expect(formatSetupCode(new Uint8Array(8))).not.toBe(formatSetupCode(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 1 << 4])));
  });
});

describe("firstAdminSchema", () => {
  it("requires the setup code and names the field", () => {
    const r = firstAdminSchema.safeParse({ email: "a@b.co", name: "A", password: "long enough pw" });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(["setupCode"]);
    expect(firstAdminSchema.parse({ email: "A@B.co", name: " A ", password: "long enough pw", setupCode: " X " })).toEqual({ email: "a@b.co", name: "A", password: "long enough pw", setupCode: "X" });
  });
});
