// The parent's side of a bench child process (bench/load-protocol.ts, bench/checkout-protocol.ts):
// started and stopped the same way for every kind of load generator.
import { type ChildProcess, fork, type Serializable } from "node:child_process";
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

/**
 * A bench child that answers one command at a time with `{ ok: true, result }` or `{ ok: false,
 * error }`; `name` and `label` word the failures ("load generator failed: …", "… exited during paced").
 */
export class WorkerChild<C extends Serializable, R> {
  private readonly child: ChildProcess;
  private exited = false;

  constructor(
    file: string,
    private readonly name: string,
    private readonly label: (cmd: C) => string,
  ) {
    this.child = forkWorker(file);
    this.child.on("exit", () => (this.exited = true));
  }

  run<T extends R>(cmd: C): Promise<T> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`${this.name} exited (code ${code}) during ${this.label(cmd)}`));
      this.child.once("exit", onExit);
      this.child.once("message", (m: { ok: true; result: R } | { ok: false; error: string }) => {
        this.child.off("exit", onExit);
        if (m.ok) resolve(m.result as T);
        else reject(new Error(`${this.name} failed: ${m.error}`));
      });
      this.child.send(cmd);
    });
  }

  async close(): Promise<void> {
    if (this.exited) return;
    await closeWorker(this.child);
  }
}
