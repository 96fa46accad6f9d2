import { describe, expect, it } from "vitest";
import { errorMessage } from "@/components/ui/field-error";
import { changePasswordFormSchema, NEW_PASSWORD_SAY } from "./password-rules";

// The account form refuses exactly the passwords the server's schema refuses (10–128 characters),
// then a confirmation that differs, then a new password equal to the current one.
const problem = (newPassword: string, confirm: string, currentPassword = "old password") => {
  const issue = changePasswordFormSchema.safeParse({ currentPassword, newPassword, confirm }).error?.issues[0];
  return issue ? { field: String(issue.path[0]), message: errorMessage({ type: issue.code, message: issue.message }, issue.path[0] === "newPassword" ? NEW_PASSWORD_SAY : undefined) } : null;
};

describe("changePasswordFormSchema", () => {
  it("accepts 10 and 128 characters that match", () => {
    expect(problem("x".repeat(10), "x".repeat(10))).toBeNull();
    expect(problem("x".repeat(128), "x".repeat(128))).toBeNull();
  });
  it("refuses 9 and 129 characters, then a confirmation that differs, then the current password again", () => {
    expect(problem("x".repeat(9), "x".repeat(9))).toEqual({ field: "newPassword", message: "Use at least 10 characters." });
    expect(problem("x".repeat(129), "x".repeat(129))).toEqual({ field: "newPassword", message: "Use at most 128 characters." });
    expect(problem("x".repeat(10), "y".repeat(10))).toEqual({ field: "confirm", message: "The two passwords do not match." });
    expect(problem("x".repeat(10), "x".repeat(10), "x".repeat(10))).toEqual({ field: "newPassword", message: "Choose a password different from the current one." });
  });
});
