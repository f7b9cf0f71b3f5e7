// How much of the machine each side used while a load ran (issue 16): the server (every process
// of its process group), PostgreSQL (every process named postgres) and the load generator (this
// process: autocannon runs in it). In cores: CPU seconds over wall seconds. On a two-core machine
// that serves, stores and loads at once, this is what bounds a second worker's gain.
import fs from "node:fs";

export type CpuSnapshot = { at: number; server: number; postgres: number; load: number };
export type CpuUse = { server: number; postgres: number; load: number; total: number };

/** Clock ticks a second, as /proc counts CPU time (USER_HZ: 100 on Linux). */
const TICKS = 100;

/** Each process's (process group, name, CPU seconds so far), from /proc/<pid>/stat. */
function processes(): { pgrp: number; name: string; seconds: number }[] {
  const out: { pgrp: number; name: string; seconds: number }[] = [];
  // Linux only: elsewhere the server's and PostgreSQL's shares read as zero.
  if (!fs.existsSync("/proc")) return out;
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // The name is in parentheses and may hold spaces: the fields after it are split from its end.
    const close = stat.lastIndexOf(")");
    const name = stat.slice(stat.indexOf("(") + 1, close);
    const fields = stat.slice(close + 2).split(" ");
    // After the name: state(0) ppid(1) pgrp(2) … utime(11) stime(12).
    out.push({ pgrp: Number(fields[2]), name, seconds: (Number(fields[11]) + Number(fields[12])) / TICKS });
  }
  return out;
}

export function cpuSnapshot(serverGroup: number): CpuSnapshot {
  const all = processes();
  const sum = (pick: (p: { pgrp: number; name: string }) => boolean) => all.filter(pick).reduce((s, p) => s + p.seconds, 0);
  const own = process.cpuUsage();
  return {
    at: performance.now(),
    server: sum((p) => p.pgrp === serverGroup),
    postgres: sum((p) => p.name === "postgres"),
    load: (own.user + own.system) / 1e6,
  };
}

/** Cores used between two snapshots (a PostgreSQL backend that exited between them is not counted). */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): CpuUse {
  const wall = (after.at - before.at) / 1000;
  const cores = (a: number, b: number) => Math.round(((b - a) / wall) * 100) / 100;
  const use = { server: cores(before.server, after.server), postgres: cores(before.postgres, after.postgres), load: cores(before.load, after.load) };
  return { ...use, total: Math.round((use.server + use.postgres + use.load) * 100) / 100 };
}

/** Runs `work` and says how many cores each side used meanwhile. */
export async function measuringCpu<T>(serverGroup: number, work: () => Promise<T>): Promise<{ result: T; cpu: CpuUse }> {
  const before = cpuSnapshot(serverGroup);
  const result = await work();
  return { result, cpu: cpuBetween(before, cpuSnapshot(serverGroup)) };
}
