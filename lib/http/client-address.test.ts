import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("clientAddress", () => {
  it("ignores X-Forwarded-For unless a proxy is trusted", () => {
    expect(clientAddress("1.2.3.4", "10.0.0.9", false)).toBe("10.0.0.9");
    expect(clientAddress(undefined, "10.0.0.9", true)).toBe("10.0.0.9");
  });
  it("takes the right-most entry behind one proxy, not the client-written left-most", () => {
    expect(clientAddress("6.6.6.6, 203.0.113.7", "10.0.0.2", true)).toBe("203.0.113.7");
    expect(clientAddress(["6.6.6.6", "203.0.113.7"], "10.0.0.2", true)).toBe("203.0.113.7");
  });
  it("counts hops from the right behind a chain of proxies", () => {
    expect(clientAddress("6.6.6.6, 203.0.113.7, 10.0.0.3", "10.0.0.2", true, 2)).toBe("203.0.113.7");
  });
  it("whatever a client prepends, the address its proxy appended is the one used", () => {
    fc.assert(
      fc.property(fc.array(fc.ipV4(), { maxLength: 10 }), fc.ipV4(), (forged, real) => {
        expect(clientAddress([...forged, real].join(", "), "10.0.0.2", true)).toBe(real);
      }),
    );
  });
});
