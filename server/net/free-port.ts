import "server-only";
import net from "node:net";

/** A loopback TCP port free right now: `preferred` when it is, else one the system picks (0 asks for any). */
export async function freePort(preferred = 0): Promise<number> {
  const tryPort = (p: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once("error", reject);
      srv.listen(p, "127.0.0.1", () => {
        const addr = srv.address();
        srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : p));
      });
    });
  if (preferred === 0) return tryPort(0);
  try {
    return await tryPort(preferred);
  } catch {
    return tryPort(0);
  }
}
