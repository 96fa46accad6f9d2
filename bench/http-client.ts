import net from "node:net";

// A minimal HTTP/1.1 keep-alive client on a raw TCP socket, one request at a time per connection
// (no pipelining, as webhook senders do). Why not node:http's Agent: on the 2-core benchmark
// machines its client side cost ~0.2 ms of CPU per request, i.e. the load generator ate most of a
// core that the server and Postgres need; this client costs a fraction of that, so more of the
// machine measures the server. It understands only what POST /api/events answers: a status line,
// headers and a Content-Length body.

export interface HttpReply {
  status: number;
  text: string;
}

const HEADER_END = Buffer.from("\r\n\r\n");

export class KeepAliveConnection {
  private socket: net.Socket | null = null;
  private connecting: Promise<net.Socket> | null = null;
  private buf: Buffer = Buffer.alloc(0);
  private pending: { resolve(r: HttpReply): void; reject(e: Error): void } | null = null;
  private readonly head: string;

  constructor(
    private readonly host: string,
    private readonly port: number,
    path: string,
    token: string,
  ) {
    this.head = `POST ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nConnection: keep-alive\r\nContent-Length: `;
  }

  get busy(): boolean {
    return this.pending !== null;
  }

  async post(body: string): Promise<HttpReply> {
    if (this.pending) throw new Error("connection busy");
    const socket = await this.connect();
    return new Promise<HttpReply>((resolve, reject) => {
      this.pending = { resolve, reject };
      socket.write(`${this.head}${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private connect(): Promise<net.Socket> {
    if (this.socket) return Promise.resolve(this.socket);
    this.connecting ??= new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect({ host: this.host, port: this.port, noDelay: true });
      s.once("connect", () => {
        this.socket = s;
        this.connecting = null;
        resolve(s);
      });
      s.on("data", (chunk: Buffer) => this.onData(chunk));
      const fail = (err: Error) => {
        if (this.socket === s) this.socket = null;
        this.connecting = null;
        this.buf = Buffer.alloc(0);
        const p = this.pending;
        this.pending = null;
        p?.reject(err);
        reject(err);
      };
      s.once("error", fail);
      s.once("close", () => fail(Object.assign(new Error("connection closed"), { code: "ECONNCLOSED" })));
    });
    return this.connecting;
  }

  private onData(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const end = this.buf.indexOf(HEADER_END);
    if (end < 0) return;
    const head = this.buf.subarray(0, end).toString("latin1");
    const status = Number(head.slice(9, 12));
    const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!m) {
      this.pending?.reject(new Error(`response without Content-Length (status ${status})`));
      this.pending = null;
      this.close();
      return;
    }
    const total = end + 4 + Number(m[1]);
    if (this.buf.length < total) return;
    const text = this.buf.subarray(end + 4, total).toString("utf8");
    this.buf = this.buf.length > total ? this.buf.subarray(total) : Buffer.alloc(0);
    const p = this.pending;
    this.pending = null;
    if (/\r\nconnection:\s*close/i.test(head)) this.close();
    p?.resolve({ status, text });
  }
}

/** Connections for one phase: each closed-loop user owns one; the open loop takes any idle one. */
export class ConnectionPool {
  private idle: KeepAliveConnection[] = [];
  private all: KeepAliveConnection[] = [];
  private readonly target: URL;

  constructor(
    url: string,
    private readonly token: string,
  ) {
    this.target = new URL("/api/events", url);
  }

  async post(body: string): Promise<HttpReply> {
    const c = this.idle.pop() ?? this.open();
    try {
      return await c.post(body);
    } finally {
      this.idle.push(c);
    }
  }

  get size(): number {
    return this.all.length;
  }

  close(): void {
    for (const c of this.all) c.close();
  }

  private open(): KeepAliveConnection {
    const c = new KeepAliveConnection(this.target.hostname, Number(this.target.port || 80), this.target.pathname, this.token);
    this.all.push(c);
    return c;
  }
}
