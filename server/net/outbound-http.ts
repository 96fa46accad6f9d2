import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { addressRefusal, hostAllowed, type AllowList } from "@/lib/net/address-policy";

// Every HTTP call Onepool makes to a URL someone registered (channel pushes, later alert
// destinations) goes through here (docs/SECURITY.md): only public addresses, checked on every address a
// name resolves to at connect time (a name that turned private since registration, i.e. DNS
// rebinding, is refused), no redirects, no decompression, and at most `maxBytes` of the answer read.
// node:http rather than fetch: fetch decodes gzip/br on its own and its connect step has no hook
// without the undici package.

/** A call refused by the address policy; its message names the rule. */
export class OutboundAddressRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutboundAddressRefused";
  }
}

export class OutboundTimeout extends Error {
  constructor() {
    super("no answer within the timeout");
    this.name = "TimeoutError";
  }
}

/** At most this much of an answer is read (docs/SECURITY.md). */
export const MAX_ANSWER_BYTES = 4096;

const hostnameOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

/** Why `url` may not be called, for an IP literal; null for names (they are checked when resolved). */
function literalRefusal(url: URL, allow: AllowList): string | null {
  const host = hostnameOf(url);
  return isIP(host) ? addressRefusal(host, host, allow) : null;
}

/** dns.lookup that refuses the connection when any address the name resolves to is not allowed. */
export function guardedLookup(allow: AllowList, resolve: typeof dns.lookup = dns.lookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "", 0);
      const list = addresses as unknown as dns.LookupAddress[];
      for (const a of list) {
        const refusal = addressRefusal(hostname, a.address, allow);
        if (refusal) return callback(new OutboundAddressRefused(refusal), "", 0);
      }
      if (list.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0);
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      return callback(null, list[0].address, list[0].family);
    });
  };
}

/**
 * Registration check: the URL's host must be allowed and, when a name, resolve only to allowed
 * addresses now. Null when it may be called; else the reason, naming the rule. A name that does
 * not resolve is not refused here (it may be created later); the connect-time check still holds.
 */
export async function outboundUrlRefusal(rawUrl: string, allow: AllowList, resolve: typeof dns.promises.lookup = dns.promises.lookup): Promise<string | null> {
  const url = new URL(rawUrl);
  const host = hostnameOf(url);
  if (isIP(host)) return literalRefusal(url, allow);
  if (hostAllowed(host, allow)) return null;
  let addresses: dns.LookupAddress[];
  try {
    addresses = await resolve(host, { all: true });
  } catch {
    return null;
  }
  for (const a of addresses) {
    const refusal = addressRefusal(host, a.address, allow);
    if (refusal) return refusal;
  }
  return null;
}

const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

export interface OutboundAnswer {
  status: number;
  /** The first `maxBytes` of the answer, as UTF-8. */
  text: string;
  /** The answer was longer than `maxBytes` (the rest was not read). */
  truncated: boolean;
  retryAfter: string | null;
}

export interface OutboundOptions {
  allow: AllowList;
  timeoutMs: number;
  maxBytes?: number;
  /** Tests: resolve names another way. */
  lookup?: typeof dns.lookup;
}

/**
 * POST `body` to `url` and read at most `maxBytes` of the answer, then drop the connection: an
 * answer that is endless, or a gzip bomb (never decoded: `accept-encoding: identity`, and a
 * compressed answer is kept as bytes), costs at most that much memory.
 */
export function postOutbound(rawUrl: string, headers: Record<string, string>, body: string, opts: OutboundOptions): Promise<OutboundAnswer> {
  const maxBytes = opts.maxBytes ?? MAX_ANSWER_BYTES;
  return new Promise<OutboundAnswer>((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      return reject(new TypeError("not a valid URL"));
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return reject(new TypeError(`${url.protocol} URLs are not called`));
    const refused = literalRefusal(url, opts.allow);
    if (refused) return reject(new OutboundAddressRefused(refused));
    const payload = Buffer.from(body, "utf8");
    const mod = url.protocol === "https:" ? https : http;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const req = mod.request(url, {
      method: "POST",
      agent: url.protocol === "https:" ? agents.https : agents.http,
      headers: { ...headers, "accept-encoding": "identity", "content-length": String(payload.length) },
      lookup: guardedLookup(opts.allow, opts.lookup),
    });
    const timer = setTimeout(() => {
      const err = new OutboundTimeout();
      finish(() => reject(err));
      req.destroy(err);
    }, opts.timeoutMs);
    req.on("error", (err) => finish(() => reject(err)));
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = (truncated: boolean) =>
        finish(() => {
          const retryAfter = res.headers["retry-after"];
          const encoding = res.headers["content-encoding"];
          // A compressed answer (sent although identity was asked for) is not decoded: its bytes say nothing readable.
          const encoded = encoding !== undefined && encoding.trim().toLowerCase() !== "identity";
          // NUL cannot be stored in a Postgres text column (the reason is kept): replaced.
          const text = encoded ? "" : Buffer.concat(chunks).subarray(0, maxBytes).toString("utf8").replaceAll("\u0000", "\uFFFD");
          resolve({ status: res.statusCode ?? 0, text, truncated, retryAfter: typeof retryAfter === "string" ? retryAfter : null });
        });
      res.on("data", (chunk: Buffer) => {
        if (settled) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size > maxBytes) {
          done(true);
          // Stop reading: the socket is closed rather than drained (an endless answer never ends).
          res.destroy();
          req.destroy();
        }
      });
      res.on("end", () => done(false));
      res.on("error", (err) => finish(() => reject(err)));
      res.on("close", () => done(size > maxBytes));
    });
    req.end(payload);
  });
}
