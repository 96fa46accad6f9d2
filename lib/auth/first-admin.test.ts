import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatSetupCode, normalizeSetupCode } from "./first-admin";

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
