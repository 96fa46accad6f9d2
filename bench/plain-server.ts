import http from "node:http";
import type { AddressInfo } from "node:net";

// Phase (h): the cheapest possible answer to POST /api/events — read the body, JSON.parse it,
// answer 202 with one accepted result per event — in the same process as the real server. Its
// rate is what HTTP alone costs on this machine with this client: the ceiling for (a1).

export async function startPlainServer(): Promise<{ url: string; stop(): Promise<void> }> {
  let seq = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const events = (Array.isArray(body) ? body : [body]) as { id?: string }[];
      const text = JSON.stringify({ results: events.map((e) => ({ id: e.id ?? null, status: "accepted", seq: String(++seq) })) });
      res.writeHead(202, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
      res.end(text);
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
