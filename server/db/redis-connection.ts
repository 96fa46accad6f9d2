import "server-only";
import net from "node:net";

/** A RESP2 reply: simple strings and bulk strings as string, integers as number, arrays, null. */
export type RedisReply = string | number | null | RedisReply[];

class RedisError extends Error {}

/**
 * Just enough of a Redis client for shared counters (pipelined commands, RESP2 replies), so shared
 * rate limits need no package: one connection, commands answered in order, reconnected on the next
 * command after a failure. Commands in flight when the connection drops fail (the caller keeps its
 * counts for the next flush).
 */
export class RedisConnection {
  private socket: net.Socket | null = null;
  private ready: Promise<net.Socket> | null = null;
  private buf: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (r: RedisReply) => void; reject: (e: Error) => void }[] = [];

  constructor(
    private readonly url: string,
    private readonly timeoutMs = 2000,
  ) {}

  /** Send the commands together; resolves with their replies in order (a Redis error rejects). */
  async pipeline(commands: (string | number)[][]): Promise<RedisReply[]> {
    const socket = await this.connect();
    const replies = commands.map(() => new Promise<RedisReply>((resolve, reject) => this.waiting.push({ resolve, reject })));
    socket.write(Buffer.concat(commands.map(encode)));
    return Promise.all(replies);
  }

  async close(): Promise<void> {
    const s = this.socket;
    this.socket = null;
    this.ready = null;
    s?.destroy();
  }

  private connect(): Promise<net.Socket> {
    if (this.ready) return this.ready;
    const u = new URL(this.url);
    this.ready = new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect({ host: u.hostname || "127.0.0.1", port: Number(u.port || 6379) });
      s.setNoDelay(true);
      s.setTimeout(this.timeoutMs, () => s.destroy(new Error("redis: timed out")));
      s.once("connect", () => {
        s.setTimeout(0);
        this.socket = s;
        resolve(s);
      });
      s.on("data", (chunk) => this.receive(chunk));
      s.on("error", (err) => reject(err));
      s.on("close", () => {
        this.socket = null;
        this.ready = null;
        this.buf = Buffer.alloc(0);
        const failed = this.waiting.splice(0);
        for (const w of failed) w.reject(new Error("redis: connection closed"));
      });
    }).then(async (s) => {
      const auth: string[] = [];
      if (u.password) auth.push(...(u.username ? [decodeURIComponent(u.username)] : []), decodeURIComponent(u.password));
      const db = u.pathname.slice(1);
      const setup: string[][] = [];
      if (auth.length) setup.push(["AUTH", ...auth]);
      if (db) setup.push(["SELECT", db]);
      if (setup.length) {
        const replies = setup.map(() => new Promise<RedisReply>((resolve, reject) => this.waiting.push({ resolve, reject })));
        s.write(Buffer.concat(setup.map(encode)));
        await Promise.all(replies);
      }
      return s;
    });
    this.ready.catch(() => (this.ready = null));
    return this.ready;
  }

  private receive(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (;;) {
      let parsed: ReturnType<typeof parse>;
      try {
        parsed = parse(this.buf, 0);
      } catch (err) {
        // Out of step with the server: start over on a new connection.
        this.socket?.destroy(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      if (!parsed) return;
      this.buf = this.buf.subarray(parsed.end);
      const w = this.waiting.shift();
      if (!w) continue;
      if (parsed.value instanceof RedisError) w.reject(parsed.value);
      else w.resolve(parsed.value);
    }
  }
}

function encode(args: (string | number)[]): Buffer {
  const parts = [`*${args.length}\r\n`];
  for (const a of args) {
    const s = String(a);
    parts.push(`$${Buffer.byteLength(s)}\r\n${s}\r\n`);
  }
  return Buffer.from(parts.join(""));
}

/** One reply from `at`, or null when the buffer does not hold all of it yet. */
function parse(buf: Buffer, at: number): { value: RedisReply | RedisError; end: number } | null {
  const eol = buf.indexOf("\r\n", at);
  if (eol < 0) return null;
  const line = buf.toString("utf8", at + 1, eol);
  switch (String.fromCharCode(buf[at])) {
    case "+":
      return { value: line, end: eol + 2 };
    case "-":
      return { value: new RedisError(line), end: eol + 2 };
    case ":":
      return { value: Number(line), end: eol + 2 };
    case "$": {
      const n = Number(line);
      if (n < 0) return { value: null, end: eol + 2 };
      if (buf.length < eol + 2 + n + 2) return null;
      return { value: buf.toString("utf8", eol + 2, eol + 2 + n), end: eol + 2 + n + 2 };
    }
    case "*": {
      const n = Number(line);
      if (n < 0) return { value: null, end: eol + 2 };
      const items: RedisReply[] = [];
      let end = eol + 2;
      for (let i = 0; i < n; i++) {
        const item = parse(buf, end);
        if (!item) return null;
        if (item.value instanceof RedisError) return { value: item.value, end: item.end };
        items.push(item.value);
        end = item.end;
      }
      return { value: items, end };
    }
    default:
      throw new Error(`redis: unexpected reply ${JSON.stringify(line)}`);
  }
}
