import { readdirSync, readFileSync } from "node:fs";

// CPU time of other processes from /proc (Linux only; elsewhere every figure reads as unknown).
// Used to split the machine's busy time into server / load generator / Postgres / everything
// else, so a run disturbed by other work on the machine says so.

const TICK_MS = 10; // USER_HZ is 100 on every Linux the bench targets

function statOf(pid: number): { ppid: number; cpuMs: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
    // After "pid (comm) ": state ppid … utime(12th field from here) stime(13th).
    return { ppid: Number(f[1]), cpuMs: (Number(f[11]) + Number(f[12])) * TICK_MS };
  } catch {
    return null;
  }
}

function allPids(): number[] {
  try {
    return readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .map(Number);
  } catch {
    return [];
  }
}

const titleOf = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim();
  } catch {
    return "";
  }
};
const BACKGROUND = /: (checkpointer|background writer|walwriter|autovacuum launcher|logical replication launcher)\b/;

/**
 * On a shared Postgres server: the backends (and autovacuum workers) whose process title names
 * `database`, plus the server's own background writers, which mostly work for the bench while it
 * runs. Other databases' backends are not counted: they show up as "other processes".
 */
export function backendsOf(database: string): () => number[] {
  const named = new RegExp(`\\s${database}(\\s|$)`);
  return () => {
    const pids = allPids();
    const ours = pids.filter((pid) => named.test(titleOf(pid)));
    const postmaster = ours.length ? statOf(ours[0])?.ppid : undefined;
    if (postmaster === undefined) return ours;
    const background = pids.filter((pid) => statOf(pid)?.ppid === postmaster && BACKGROUND.test(titleOf(pid)));
    return [...ours, ...background];
  };
}

/** A postmaster and all its children (an embedded Postgres used by this run alone). */
export function postmasterTree(postmasterPidFile: string): () => number[] {
  return () => {
    let pm: number;
    try {
      pm = Number(readFileSync(postmasterPidFile, "utf8").split("\n")[0]);
    } catch {
      return [];
    }
    return [pm, ...allPids().filter((pid) => statOf(pid)?.ppid === pm)];
  };
}

/** CPU of a changing set of processes over a window, in % of one core; null when unknown. */
export class GroupCpu {
  private start = new Map<number, number>();
  private at = 0;

  constructor(private readonly find: () => number[]) {}

  begin(): void {
    this.start = new Map();
    for (const pid of this.find()) {
      const s = statOf(pid);
      if (s) this.start.set(pid, s.cpuMs);
    }
    this.at = Date.now();
  }

  end(): number | null {
    const pids = this.find();
    if (pids.length === 0) return null;
    let used = 0;
    // A process that appeared during the window used all its CPU inside it.
    for (const pid of pids) used += (statOf(pid)?.cpuMs ?? 0) - (this.start.get(pid) ?? 0);
    const wall = Date.now() - this.at;
    return wall > 0 ? (used / wall) * 100 : null;
  }
}
