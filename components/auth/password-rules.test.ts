import { describe, expect, it } from "vitest";
import { checkNewPassword } from "./password-rules";

// The account form refuses exactly the passwords the server's schema refuses (10–128 characters).
describe("checkNewPassword", () => {
  it("accepts 10 and 128 characters that match", () => {
    expect(checkNewPassword("x".repeat(10), "x".repeat(10))).toBeNull();
    expect(checkNewPassword("x".repeat(128), "x".repeat(128))).toBeNull();
  });
  it("refuses 9 and 129 characters, then a confirmation that differs", () => {
    expect(checkNewPassword("x".repeat(9), "x".repeat(9))).toEqual({ field: "newPassword", message: "Use at least 10 characters." });
    expect(checkNewPassword("x".repeat(129), "x".repeat(129))).toEqual({ field: "newPassword", message: "Use at most 128 characters." });
    expect(checkNewPassword("x".repeat(10), "y".repeat(10))).toEqual({ field: "confirm", message: "The two passwords do not match." });
  });
});
