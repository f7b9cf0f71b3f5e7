// Serves the production build the way `npm start` does (scripts/start.mjs: migrate, build when
// the sources changed, `next start`), on the bench's database, with the SQL counter preloaded.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { DatabaseTarget } from "../lib/db/adapter";

export type Server = { origin: string; sqlPort: number; /** start.mjs's process id, which is also its process group's. */ pid: number; stop(): Promise<void> };

/** `workers`: the server's processes (WEB_CONCURRENCY; 1 unless said, where the SQL counter counts). */
export async function startServer(target: DatabaseTarget, port: number, log: (line: string) => void, workers = 1): Promise<Server> {
  const origin = `http://127.0.0.1:${port}`;
  const sqlPort = port + 1;
  const counter = path.resolve("bench/sql-counter.mjs");
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      NEXTAUTH_URL: origin,
      NEXTAUTH_SECRET: "bench-secret-only-for-the-benchmark-0123456789",
      KAP_NO_SEED: "1",
      // One process unless asked: the SQL counter counts the statements of the process that serves.
      WEB_CONCURRENCY: String(workers),
      // A backup of the large clinic in the middle of the load would be measured as the load's.
      KAP_SCHEDULED_BACKUPS: "off",
      // Nor the email reminders' queuing every minute (lib/outbox).
      KAP_EMAIL_SENDER: "off",
      KAP_INSECURE_HTTP: "1",
      DATABASE_URL: target.kind === "postgres" ? target.url : "",
      PGLITE_DIR: target.kind === "pglite" ? target.dataDir : ".data/pglite",
      KAP_BENCH_SQL_PORT: String(sqlPort),
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${counter}`.trim(),
    },
  });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      log(line);
    }
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const stop = () => stopChild(child);
  // A build takes ~30 s on two cores; allow for a busy machine.
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${tail.join("\n")}`);
    try {
      const res = await fetch(`${origin}/sign-in`, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return { origin, sqlPort, pid: child.pid!, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`The server did not answer within 5 minutes:\n${tail.join("\n")}`);
}

/** Stops the server's process group (start.mjs and the `next start` it spawned), by id. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((r) => child.once("exit", r));
  process.kill(-child.pid, "SIGTERM");
  const timer = setTimeout(() => child.exitCode === null && process.kill(-child.pid!, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function sqlCount(server: Server): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${server.sqlPort}/`);
  return ((await res.json()) as { count: number }).count;
}
