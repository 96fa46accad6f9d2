import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addressRefusal, blockedRange, EMPTY_ALLOW_LIST, embeddedIpv4, parseAllowList } from "./address-policy";

describe("blockedRange", () => {
  it.each([
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.5", "private (RFC 1918)"],
    ["172.16.0.1", "private (RFC 1918)"],
    ["172.31.255.255", "private (RFC 1918)"],
    ["192.168.1.1", "private (RFC 1918)"],
    ["169.254.169.254", "link-local"],
    ["100.64.0.1", "CGNAT (shared address space)"],
    ["100.127.255.255", "CGNAT (shared address space)"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["255.255.255.255", "reserved"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["fc00::1", "unique local (ULA)"],
    ["fd12:3456:789a::1", "unique local (ULA)"],
    ["fe80::1", "link-local"],
    ["febf:ffff::1", "link-local"],
    ["ff02::1", "multicast"],
    ["[::1]", "loopback"],
    // IPv4 inside IPv6: the embedded address's range, and the rule says so.
    ["::ffff:127.0.0.1", "loopback, IPv4 inside IPv6"],
    ["::ffff:7f00:1", "loopback, IPv4 inside IPv6"],
    ["::ffff:10.1.2.3", "private (RFC 1918), IPv4 inside IPv6"],
    ["::ffff:a9fe:a9fe", "link-local, IPv4 inside IPv6"],
    ["::ffff:0.0.0.0", "unspecified, IPv4 inside IPv6"],
    ["::127.0.0.1", "loopback, IPv4 inside IPv6"],
    ["64:ff9b::192.168.0.1", "private (RFC 1918), IPv4 inside IPv6"],
    ["0:0:0:0:0:ffff:6440:1", "CGNAT (shared address space), IPv4 inside IPv6"],
  ])("%s is %s", (address, rule) => {
    expect(blockedRange(address)?.rule).toBe(rule);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "172.32.0.1",
    "172.15.255.255",
    "100.128.0.1",
    "100.63.255.255",
    "192.169.0.1",
    "169.255.0.1",
    "223.255.255.255",
    "2606:4700::1111",
    "::ffff:8.8.8.8",
    "64:ff9b::8.8.8.8",
    "fbff::1",
    "2001:db8::1",
  ])("%s is public", (address) => {
    expect(blockedRange(address)).toBeNull();
  });

  it("refuses what is not an IP", () => {
    expect(() => blockedRange("example.com")).toThrow(/not an IP/);
  });

  it("every IPv4 address and its IPv4-mapped IPv6 form get the same verdict", () => {
    fc.assert(
      fc.property(fc.ipV4(), (v4) => {
        const [a, b, c, d] = v4.split(".").map(Number);
        const hex = `::ffff:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
        expect(embeddedIpv4(hex)).toBe(v4);
        expect(blockedRange(hex) === null).toBe(blockedRange(v4) === null);
        expect(blockedRange(`::ffff:${v4}`) === null).toBe(blockedRange(v4) === null);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("parseAllowList and addressRefusal", () => {
  const allow = parseAllowList(" receiver.lan , 10.0.0.5, 192.168.10.0/24, fd00:1::/32, [::1] ");

  it("refuses non-public addresses with the rule named, and allows public ones", () => {
    expect(addressRefusal("127.0.0.1", "127.0.0.1", EMPTY_ALLOW_LIST)).toMatch(/^127\.0\.0\.1 is a loopback address \(127\.0\.0\.0\/8\).*ONEPOOL_OUTBOUND_ALLOW_HOSTS/);
    expect(addressRefusal("evil.example", "169.254.169.254", EMPTY_ALLOW_LIST)).toMatch(/^evil\.example resolves to 169\.254\.169\.254, which is a link-local address/);
    expect(addressRefusal("example.com", "93.184.216.34", EMPTY_ALLOW_LIST)).toBeNull();
  });

  it("allows a listed host name whatever it resolves to (case and trailing dot ignored)", () => {
    expect(addressRefusal("Receiver.LAN.", "192.168.77.7", allow)).toBeNull();
    expect(addressRefusal("other.lan", "192.168.77.7", allow)).toMatch(/private/);
  });

  it("allows a listed IP, also in its IPv4-mapped form, and only that IP", () => {
    expect(addressRefusal("10.0.0.5", "10.0.0.5", allow)).toBeNull();
    expect(addressRefusal("x.example", "::ffff:a00:5", allow)).toBeNull();
    expect(addressRefusal("10.0.0.6", "10.0.0.6", allow)).toMatch(/private/);
    expect(addressRefusal("[::1]", "::1", allow)).toBeNull();
  });

  it("allows addresses inside a listed CIDR", () => {
    expect(addressRefusal("x.example", "192.168.10.200", allow)).toBeNull();
    expect(addressRefusal("x.example", "192.168.11.1", allow)).toMatch(/private/);
    expect(addressRefusal("x.example", "fd00:1:2::3", allow)).toBeNull();
    expect(addressRefusal("x.example", "fd00:2::3", allow)).toMatch(/unique local/);
  });

  it("refuses entries that are neither host, IP nor CIDR", () => {
    expect(() => parseAllowList("10.0.0.0/33")).toThrow(/not a valid CIDR/);
    expect(() => parseAllowList("http://x")).toThrow(/not a host name/);
    expect(() => parseAllowList("a b")).toThrow(/not a host name/);
    expect(parseAllowList(undefined).entries).toEqual([]);
    expect(parseAllowList("").entries).toEqual([]);
  });
});
