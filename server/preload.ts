// Must be the first import of every Node entry point (server/main.ts, the CLIs).
import Module from "node:module";
import path from "node:path";

type Resolve = (request: string, ...rest: unknown[]) => string;
const mod = Module as unknown as { _resolveFilename: Resolve };
const original = mod._resolveFilename;
const shim = path.join(__dirname, "server-only-shim.ts");
mod._resolveFilename = function (request: string, ...rest: unknown[]) {
  if (request === "server-only") return shim;
  return original.call(this, request, ...rest);
};
