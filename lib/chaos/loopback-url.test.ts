import { describe, expect, it } from "vitest";
import { isLoopbackUrl } from "./loopback-url";

describe("isLoopbackUrl", () => {
  it("takes this machine's addresses", () => {
    for (const u of ["http://127.0.0.1:3000", "http://localhost:3000/", "http://[::1]:3000", "https://127.8.9.10", "http://LOCALHOST:1", "http://2130706433"]) expect(isLoopbackUrl(u), u).toBe(true);
  });
  it("refuses anything else, including names that merely start like loopback", () => {
    for (const u of [
      "http://10.0.0.5:3000",
      "http://192.168.1.2",
      "http://example.com",
      "http://127.0.0.1.example.com",
      "http://localhost.example.com",
      "http://0.0.0.0:3000",
      "http://[::ffff:10.0.0.1]",
      "ftp://127.0.0.1",
      "not a url",
      "http://user:pw@127.0.0.1",
    ])
      expect(isLoopbackUrl(u), u).toBe(false);
  });
});
