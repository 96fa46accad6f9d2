import { describe, expect, it } from "vitest";
import { redactUrl } from "./redact-url";

describe("redactUrl", () => {
  it("drops user:password@ and every query value, keeps the receiver recognisable", () => {
    expect(redactUrl("https://bob:s3cret@hooks.example.com/in/abc?token=t0k3n&channel=web#frag")).toBe("https://***:***@hooks.example.com/in/abc?token=***&channel=***");
    expect(redactUrl("https://hooks.example.com/in")).toBe("https://hooks.example.com/in");
    expect(redactUrl("http://user@10.0.0.1:8080/x")).toBe("http://***@10.0.0.1:8080/x");
  });

  it("never returns what it cannot parse", () => {
    expect(redactUrl("not a url with secret")).toBe("***");
  });
});
