// Preloaded into the bench's web server (NODE_OPTIONS=--import): counts every SQL statement the
// server sends, under the database drivers themselves, and reports the count on a side port
// (127.0.0.1:KAP_BENCH_SQL_PORT). node-postgres: each Client#query (BEGIN and COMMIT included);
// PGlite: each statement it runs for its one connection. Only in the web server's process
// (scripts/serve.mjs, which `npm start` runs; `next start` when run by hand).
import cluster from "node:cluster";
import http from "node:http";
import { createRequire } from "node:module";

const port = Number(process.env.KAP_BENCH_SQL_PORT);
// One serving process only: the bench counts with WEB_CONCURRENCY=1 (cluster workers would share the port).
if (port && !cluster.isWorker && (process.argv[1]?.endsWith("serve.mjs") || process.argv.includes("start"))) {
  const require = createRequire(import.meta.url);
  let count = 0;
  // KAP_BENCH_SQL_LOG=1 also prints each statement's first line to stderr, to see what a page sends.
  const logStatements = process.env.KAP_BENCH_SQL_LOG === "1";
  const wrap = (proto, name) => {
    const original = proto?.[name];
    if (typeof original !== "function" || original.kapCounted) return;
    proto[name] = function counted(...args) {
      count++;
      if (logStatements) {
        const text = typeof args[0] === "string" ? args[0] : (args[0]?.text ?? args[0]?.query ?? "");
        process.stderr.write(`[sql ${count}] ${String(text).replace(/\s+/g, " ").slice(0, 160)}\n`);
      }
      return original.apply(this, args);
    };
    proto[name].kapCounted = true;
  };
  const pg = require("pg");
  wrap(pg.Client.prototype, "query");
  // PGlite runs every query and exec (BEGIN and COMMIT too) through _runExclusiveQuery.
  const { PGlite } = await import("@electric-sql/pglite");
  let proto = PGlite.prototype;
  while (proto && !Object.prototype.hasOwnProperty.call(proto, "_runExclusiveQuery")) proto = Object.getPrototypeOf(proto);
  wrap(proto, "_runExclusiveQuery");
  http
    .createServer((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ count }));
    })
    .listen(port, "127.0.0.1")
    .unref();
}
