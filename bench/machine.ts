import os from "node:os";
import type pg from "pg";

// What the figures were measured on, and how busy the machine was while measuring: on 2 cores the
// server, the load generator and Postgres share the CPU, so "who used it" explains the numbers.

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
  postgres: string;
  postgresSettings: Record<string, string>;
}

export async function machineInfo(pool: pg.Pool | null): Promise<MachineInfo> {
  const cpus = os.cpus();
  let postgres = "unknown (no database connection)";
  const postgresSettings: Record<string, string> = {};
  if (pool) {
    const v = await pool.query<{ server_version: string }>("SHOW server_version");
    postgres = v.rows[0].server_version;
    const s = await pool.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings
        WHERE name IN ('shared_buffers', 'synchronous_commit', 'fsync', 'wal_level', 'max_wal_size', 'max_connections')`,
    );
    for (const r of s.rows) postgresSettings[r.name] = r.unit === "8kB" ? `${(Number(r.setting) * 8) / 1024} MB` : `${r.setting}${r.unit ? ` ${r.unit}` : ""}`;
  }
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    postgres,
    postgresSettings,
  };
}

/** Busy share of all cores between two points, and this process's share, in % of one core. */
export class CpuWindow {
  private machine = 0;
  private idle = 0;
  private proc = 0;
  private at = 0;

  start(): void {
    [this.machine, this.idle] = machineTimes();
    this.proc = procMs();
    this.at = Date.now();
  }

  /** Both in % of one core: the whole machine (all cores busy = cores × 100) and this process. */
  stop(): { machine: number; thisProcess: number } {
    const [total, idle] = machineTimes();
    const wall = Date.now() - this.at;
    const dt = total - this.machine;
    return {
      machine: dt > 0 ? (1 - (idle - this.idle) / dt) * 100 * os.cpus().length : 0,
      thisProcess: wall > 0 ? ((procMs() - this.proc) / wall) * 100 : 0,
    };
  }
}

function machineTimes(): [number, number] {
  let total = 0;
  let idle = 0;
  for (const c of os.cpus()) {
    const t = c.times;
    total += t.user + t.nice + t.sys + t.idle + t.irq;
    idle += t.idle;
  }
  return [total, idle];
}

function procMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
