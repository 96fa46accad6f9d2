import { describe, expect, it } from "vitest";
import { acceptableRequestId } from "./levels";

describe("acceptableRequestId", () => {
  it("keeps a proxy's plain id and refuses what could forge or flood a log line", () => {
    expect(acceptableRequestId("9f1c2b7e-3a4d-4c5e-8f90-123456789abc")).toBe("9f1c2b7e-3a4d-4c5e-8f90-123456789abc");
    expect(acceptableRequestId(["req.42", "other"])).toBe("req.42");
    expect(acceptableRequestId(undefined)).toBeNull();
    expect(acceptableRequestId("")).toBeNull();
    expect(acceptableRequestId("a".repeat(65))).toBeNull();
    expect(acceptableRequestId('x"\n{"level":60}')).toBeNull();
    expect(acceptableRequestId("id with space")).toBeNull();
  });
});
