import { BlockList, isIP } from "node:net";

// Which addresses Onepool may call (docs/SECURITY.md): every URL it calls on someone's behalf (channel
// pushes, alert destinations) must reach a public address, or a registered URL turns the server
// into a proxy into its own network (SSRF). Pure: no DNS here; callers check every address a
// name resolves to, at registration and again at connect time (DNS rebinding).

export interface BlockedRange {
  /** Why it is refused, as shown in the 400 / failing reason. */
  rule: string;
  cidr: string;
}

const V4_RANGES: BlockedRange[] = [
  { rule: "unspecified", cidr: "0.0.0.0/8" },
  { rule: "loopback", cidr: "127.0.0.0/8" },
  { rule: "private (RFC 1918)", cidr: "10.0.0.0/8" },
  { rule: "private (RFC 1918)", cidr: "172.16.0.0/12" },
  { rule: "private (RFC 1918)", cidr: "192.168.0.0/16" },
  { rule: "link-local", cidr: "169.254.0.0/16" },
  { rule: "CGNAT (shared address space)", cidr: "100.64.0.0/10" },
  { rule: "multicast", cidr: "224.0.0.0/4" },
  { rule: "reserved", cidr: "240.0.0.0/4" },
];

const V6_RANGES: BlockedRange[] = [
  { rule: "unspecified", cidr: "::/128" },
  { rule: "loopback", cidr: "::1/128" },
  { rule: "unique local (ULA)", cidr: "fc00::/7" },
  { rule: "link-local", cidr: "fe80::/10" },
  { rule: "site-local", cidr: "fec0::/10" },
  { rule: "multicast", cidr: "ff00::/8" },
];

function rangeList(r: BlockedRange, type: "ipv4" | "ipv6"): BlockList {
  const [net, bits] = r.cidr.split("/");
  const list = new BlockList();
  list.addSubnet(net, Number(bits), type);
  return list;
}
const V4 = V4_RANGES.map((r) => ({ ...r, list: rangeList(r, "ipv4") }));
const V6 = V6_RANGES.map((r) => ({ ...r, list: rangeList(r, "ipv6") }));

/** The eight 16-bit groups of an IPv6 address (with an embedded dotted IPv4 tail), or null. */
function ipv6Groups(address: string): number[] | null {
  let a = address.toLowerCase().replace(/%.*$/, "");
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
  if (dotted) {
    const [b0, b1, b2, b3] = dotted.slice(1).map(Number);
    a = `${a.slice(0, dotted.index)}${((b0 << 8) | b1).toString(16)}:${((b2 << 8) | b3).toString(16)}`;
  }
  const [head, tail] = a.split("::");
  const part = (s: string | undefined) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const h = part(head);
  const t = part(tail);
  const groups = a.includes("::") ? [...h, ...Array(8 - h.length - t.length).fill(0), ...t] : h;
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/**
 * The IPv4 address an IPv6 one carries and is routed to: IPv4-mapped (::ffff:a.b.c.d),
 * IPv4-compatible (::a.b.c.d, deprecated) and NAT64 (64:ff9b::a.b.c.d). Null for any other.
 */
export function embeddedIpv4(address: string): string | null {
  if (isIP(address.replace(/%.*$/, "")) !== 6) return null;
  const g = ipv6Groups(address);
  if (!g) return null;
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  const mapped = zeros(5) && g[5] === 0xffff;
  const compatible = zeros(6) && (g[6] !== 0 || g[7] > 1); // not :: or ::1
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if (!mapped && !compatible && !nat64) return null;
  return [g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff].join(".");
}

/** The range that makes an IP address non-public, or null when it is public. Throws on a non-IP. */
export function blockedRange(address: string): BlockedRange | null {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 0) throw new TypeError(`not an IP address: ${JSON.stringify(address)}`);
  if (family === 4) return V4.find((r) => r.list.check(bare, "ipv4")) ?? null;
  const v4 = embeddedIpv4(bare);
  if (v4) {
    const inner = blockedRange(v4);
    return inner ? { rule: `${inner.rule}, IPv4 inside IPv6`, cidr: inner.cidr } : null;
  }
  return V6.find((r) => r.list.check(bare, "ipv6")) ?? null;
}

/** Operator exceptions (ONEPOOL_OUTBOUND_ALLOW_HOSTS): host names, IP addresses and CIDRs. */
export interface AllowList {
  /** Lower-case host names allowed whatever they resolve to. */
  hosts: ReadonlySet<string>;
  /** IPs and CIDRs allowed. */
  addresses: BlockList;
  /** As the operator wrote it, for messages. */
  entries: readonly string[];
}

export const EMPTY_ALLOW_LIST: AllowList = { hosts: new Set(), addresses: new BlockList(), entries: [] };

/** Parse a comma-separated allow list; throws naming the first entry that is neither a host, an IP nor a CIDR. */
export function parseAllowList(value: string | undefined): AllowList {
  const entries = (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const hosts = new Set<string>();
  const addresses = new BlockList();
  for (const entry of entries) {
    const bare = entry.replace(/^\[|\]$/g, "");
    const cidr = /^(.+)\/(\d{1,3})$/.exec(bare);
    if (cidr) {
      const family = isIP(cidr[1]);
      const bits = Number(cidr[2]);
      if (family === 0 || bits > (family === 4 ? 32 : 128)) throw new TypeError(`"${entry}" is not a valid CIDR`);
      addresses.addSubnet(cidr[1], bits, family === 4 ? "ipv4" : "ipv6");
    } else if (isIP(bare)) {
      addresses.addAddress(bare, isIP(bare) === 4 ? "ipv4" : "ipv6");
    } else if (/^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,62}[a-z0-9_])?)*\.?$/i.test(bare)) {
      hosts.add(bare.toLowerCase().replace(/\.$/, ""));
    } else {
      throw new TypeError(`"${entry}" is not a host name, an IP address or a CIDR`);
    }
  }
  return { hosts, addresses, entries };
}

function addressAllowed(address: string, allow: AllowList): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (allow.addresses.check(address, family === 4 ? "ipv4" : "ipv6")) return true;
  const v4 = family === 6 ? embeddedIpv4(address) : null;
  return v4 !== null && allow.addresses.check(v4, "ipv4");
}

export const hostAllowed = (host: string, allow: AllowList): boolean =>
  allow.hosts.has(
    host
      .toLowerCase()
      .replace(/^\[|\]$/g, "")
      .replace(/\.$/, ""),
  );

/**
 * Why `host` may not be called at `address` (one address it resolved to), or null when it may.
 * A host named in the allow list may resolve anywhere; otherwise the address must be public or
 * inside an allowed IP/CIDR.
 */
export function addressRefusal(host: string, address: string, allow: AllowList): string | null {
  if (hostAllowed(host, allow)) return null;
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const range = blockedRange(bare);
  if (!range || addressAllowed(bare, allow)) return null;
  const name = host.replace(/^\[|\]$/g, "");
  const subject = name === bare ? bare : `${name} resolves to ${bare}, which`;
  return `${subject} is a ${range.rule} address (${range.cidr}): Onepool only calls public addresses; list the host, IP or CIDR in ONEPOOL_OUTBOUND_ALLOW_HOSTS to allow a receiver on your network`;
}
