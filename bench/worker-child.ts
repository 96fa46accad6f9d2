// The parent's side of a bench child process (bench/load-protocol.ts, bench/checkout-protocol.ts):
// started and stopped the same way for every kind of load generator.
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";

/** Forks `file` of bench/ with an IPC channel; `--import tsx` so the child runs TypeScript like the parent. */
export function forkWorker(file: string): ChildProcess {
  return fork(path.join(__dirname, file), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
}

/** Closes the IPC channel (the child's cue to exit) and waits for it; kills it if it is not gone in 3 s. */
export async function closeWorker(child: ChildProcess): Promise<void> {
  const gone = new Promise<void>((r) => child.once("exit", () => r()));
  child.disconnect();
  const timer = setTimeout(() => child.kill(), 3000);
  await gone;
  clearTimeout(timer);
}
