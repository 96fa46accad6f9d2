import net from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP proxy in front of a real Postgres that can lose a connection at the worst moment: once
 * armed, the next simple-query COMMIT is forwarded to the server (which commits it) and the
 * client's side of that connection is cut before the answer, as when a network drops after the
 * COMMIT went out. The client cannot know whether its transaction committed.
 */
export async function startPgFaultProxy(target: { host: string; port: number }) {
  let armed = false;
  let cuts = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let buf = Buffer.alloc(0);
    let started = false;
    let cut = false;
    client.on("data", (data: Buffer) => {
      if (cut) return;
      buf = Buffer.concat([buf, data]);
      // Forward whole messages only, looking at each: the startup message has no type byte.
      for (;;) {
        if (!started) {
          if (buf.length < 4) return;
          const len = buf.readInt32BE(0);
          if (buf.length < len) return;
          upstream.write(buf.subarray(0, len));
          buf = buf.subarray(len);
          started = true;
          continue;
        }
        if (buf.length < 5) return;
        const len = buf.readInt32BE(1) + 1;
        if (buf.length < len) return;
        const msg = buf.subarray(0, len);
        buf = buf.subarray(len);
        upstream.write(msg);
        if (
          armed &&
          msg[0] === 0x51 &&
          /^COMMIT\b/i.test(
            msg
              .subarray(5, len - 1)
              .toString("utf8")
              .trim(),
          )
        ) {
          armed = false;
          cut = true;
          cuts += 1;
          // The server has the COMMIT; the client never hears back.
          client.destroy();
          setTimeout(() => upstream.end(), 300);
          return;
        }
      }
    });
    upstream.on("data", (d) => !cut && client.write(d));
    const close = () => {
      client.destroy();
      if (!cut) upstream.destroy();
    };
    client.on("error", close).on("close", close);
    upstream.on("error", () => client.destroy()).on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    /** Cut the connection that sends the next COMMIT. */
    armCommitCut: () => (armed = true),
    get cuts() {
      return cuts;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
