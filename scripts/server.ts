// The app's HTTP server: Next.js through its programmatic API (as `next start` and `next dev`
// use it) behind lib/http/edge.ts, which decides the client's address from the socket and the
// trusted proxies, and answers malformed or cross-origin server-action posts with a 4xx where Next
// would answer 500. scripts/serve.mjs compiles and runs it; `--dev` serves Next's development mode.
// On PostgreSQL it serves with one worker per core (lib/http/workers.ts) through Node's `cluster`:
// this process then only starts the workers, which share the port, and replaces one that dies.
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import next from "next";
import { env } from "../lib/env";
import { releaseAbortReasonStacks } from "../lib/http/abort-reasons";
import { edgeHandlers } from "../lib/http/edge";
import { workerCount } from "../lib/http/workers";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const workers = dev ? 1 : workerCount(env.DATABASE_URL ? "postgres" : "pglite", env.WEB_CONCURRENCY, os.availableParallelism());

if (cluster.isPrimary && workers > 1) startWorkers(workers);
else await serve();

async function serve() {
  releaseAbortReasonStacks();
  const proxies = env.KAP_TRUSTED_PROXIES;
  const server = http.createServer();
  const app = next({ dev, dir: process.cwd(), hostname: "localhost", port, httpServer: server });
  await app.prepare();
  const edge = edgeHandlers(proxies, app.getRequestHandler());
  server.on("request", edge.request);
  server.on("checkContinue", edge.checkContinue);
  server.listen(port, () => {
    if (!cluster.isWorker) console.log(`> Ready on http://localhost:${port} (${dev ? "development" : "production"}; trusted proxies: ${trusting()})`);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      server.close();
      // Exit at once, as `next start` does; the embedded database's lock file goes with the process.
      void app.close().finally(() => process.exit(0));
    });
  }
}

function trusting(): string {
  const proxies = env.KAP_TRUSTED_PROXIES;
  return proxies.kind === "none" ? "none" : proxies.kind === "hops" ? `${proxies.count} hop(s)` : proxies.ranges.join(", ");
}

function startWorkers(count: number) {
  let stopping = false;
  const exits: number[] = [];
  let ready = 0;
  cluster.on("listening", () => {
    if (++ready === count) console.log(`> Ready on http://localhost:${port} (production, ${count} workers; trusted proxies: ${trusting()})`);
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // A worker that dies is replaced; one that cannot start (a port taken, a bad setting) would
    // die again at once, so five deaths within a minute stop the server with its reason above.
    const now = Date.now();
    exits.push(now);
    while (exits.length > 0 && exits[0] < now - 60_000) exits.shift();
    console.error(`Worker ${worker.process.pid} exited (${signal ?? `code ${code}`}).`);
    if (exits.length >= 5) {
      console.error("Workers keep exiting: stopping the server.");
      process.exit(1);
    }
    cluster.fork();
  });
  for (let i = 0; i < count; i++) cluster.fork();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      stopping = true;
      const running = Object.values(cluster.workers ?? {});
      if (running.length === 0) process.exit(0);
      for (const worker of running) worker?.process.kill(signal);
    });
  }
}
