// The app's HTTP server: Next.js through its programmatic API (as `next start` and `next dev`
// use it) behind lib/http/edge.ts, which decides the client's address from the socket and the
// trusted proxies, and answers malformed or cross-origin server-action posts with a 4xx where Next
// would answer 500. scripts/serve.mjs compiles and runs it; `--dev` serves Next's development mode.
import http from "node:http";
import next from "next";
import { env } from "../lib/env";
import { edgeHandlers } from "../lib/http/edge";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const proxies = env.KAP_TRUSTED_PROXIES;

const server = http.createServer();
const app = next({ dev, dir: process.cwd(), hostname: "localhost", port, httpServer: server });
await app.prepare();
const edge = edgeHandlers(proxies, app.getRequestHandler());
server.on("request", edge.request);
server.on("checkContinue", edge.checkContinue);
server.listen(port, () => {
  const trusting = proxies.kind === "none" ? "none" : proxies.kind === "hops" ? `${proxies.count} hop(s)` : proxies.ranges.join(", ");
  console.log(`> Ready on http://localhost:${port} (${dev ? "development" : "production"}; trusted proxies: ${trusting})`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    // Exit at once, as `next start` does; the embedded database's lock file goes with the process.
    void app.close().finally(() => process.exit(0));
  });
}
