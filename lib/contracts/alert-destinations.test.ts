import { describe, expect, it } from "vitest";
import { alertDestinationForm, alertDestinationInput, destinationBody } from "./alert-destinations";

describe("alert destination input", () => {
  it("the body: standard by default, unknown fields refused, no secret for Slack", () => {
    expect(alertDestinationInput.parse({ url: "https://example.com/hook" })).toEqual({ url: "https://example.com/hook", format: "standard" });
    expect(alertDestinationInput.safeParse({ url: "https://example.com/hook", name: "x" }).success).toBe(false);
    const slack = alertDestinationInput.safeParse({ url: "https://hooks.slack.com/services/T/B/k", format: "slack", secret: "0123456789abcdef" });
    expect(slack.success).toBe(false);
    expect(slack.error?.issues[0].path).toEqual(["secret"]);
    expect(alertDestinationInput.safeParse({ url: "ftp://example.com" }).success).toBe(false);
    expect(alertDestinationInput.safeParse({ url: "https://example.com", kinds: ["nope"] }).success).toBe(false);
  });

  it("the form: the same rules plus the name; its body leaves the name out", () => {
    const bad = alertDestinationForm.safeParse({ name: "On Call", url: "https://example.com/hook" });
    expect(bad.error?.issues.map((i) => i.path[0])).toEqual(["name"]);
    expect(alertDestinationForm.safeParse({ name: "oncall", url: "https://hooks.slack.com/x", format: "slack", secret: "0123456789abcdef" }).error?.issues[0].path).toEqual(["secret"]);
    const ok = alertDestinationForm.parse({ name: "oncall", url: "https://example.com/hook", kinds: ["low_cover"], enabled: true });
    expect(destinationBody(ok)).toEqual({ url: "https://example.com/hook", format: "standard", kinds: ["low_cover"], enabled: true });
    expect(alertDestinationInput.safeParse(destinationBody(ok)).success).toBe(true);
  });
});
