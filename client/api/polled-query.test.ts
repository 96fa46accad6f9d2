import { describe, expect, it } from "vitest";
import { ApiError } from "./fetch-json";
import { pollUnlessRefused, pollUntilError } from "./polled-query";

const at = (status: string, error: unknown = null) => ({ state: { status, error } });

describe("poll policies", () => {
  it.each([
    ["a success", 5_000, 5_000, at("success")],
    ["a refusal", false, false, at("error", new ApiError(403, "forbidden", "no"))],
    ["an unreachable server", 5_000, false, at("error", new ApiError(0, "network", "down"))],
    ["a server failure", 5_000, false, at("error", new ApiError(503, "unavailable", "later"))],
  ])("after %s: unless refused %s, until error %s", (_, unlessRefused, untilError, query) => {
    expect(pollUnlessRefused(5_000)(query)).toBe(unlessRefused);
    expect(pollUntilError(5_000)(query)).toBe(untilError);
  });
});
