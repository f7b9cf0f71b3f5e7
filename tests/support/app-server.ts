import { spawn, type ChildProcess } from "node:child_process";

// `npm start` run for real by a test (tests/integration/postgres/move-app.test.ts): scripts/start.mjs
// in a process group of its own (it migrates, seeds, builds when the sources changed, and spawns
// the server), on the database the environment names, stopped as Ctrl-C stops it. As
// bench/server.ts starts the bench's servers, without the bench's SQL counter.

export type AppServer = { origin: string; output: () => string; stop(): Promise<void> };

export async function startApp(port: number, env: Record<string, string>): Promise<AppServer> {
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      NEXTAUTH_URL: origin,
      NEXTAUTH_SECRET: "app-server-test-secret-only-for-tests-0123456789",
      KAP_INSECURE_HTTP: "1",
      ...env,
    },
  });
  let log = "";
  child.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const server = { origin, output: () => log, stop: () => stopGroup(child) };
  // A build, when one is needed, takes ~30 s on two cores; allow for a busy machine.
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${origin}/sign-in`, { signal: AbortSignal.timeout(5_000) })).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await server.stop();
  throw new Error(`npm start did not answer within 4 minutes:\n${log}`);
}

/** Ctrl-C: SIGINT to start.mjs's process group (it and the server it spawned), by id; waits for the exit. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((r) => child.once("exit", r));
  process.kill(-child.pid, "SIGINT");
  const timer = setTimeout(() => child.exitCode === null && process.kill(-child.pid!, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
