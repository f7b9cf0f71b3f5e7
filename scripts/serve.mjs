// Serves the app through its own server (scripts/server.ts): compiles it with esbuild into one
// file beside node_modules' other caches, then runs it in this process. Compiled, not run through
// tsx: tsx's require hook would sit under every module Next.js and the app's build load.
// `npm start` runs this after migrating and building; `--dev` serves Next's development mode.
import { buildSync } from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
// As `next start` and `next dev` set it: React and Next.js pick their builds by it.
process.env.NODE_ENV = process.argv.includes("--dev") ? "development" : "production";

// One file per process: two servers starting at once (the e2e tests beside a bench) must not
// read each other's half-written output.
const outfile = path.join(root, "node_modules", ".cache", "kap-server", `server-${process.pid}.mjs`);
buildSync({
  entryPoints: [path.join(root, "scripts", "server.ts")],
  outfile,
  bundle: true,
  // The app's own modules are compiled in; packages stay in node_modules, loaded as they are.
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
});

try {
  const loading = import(pathToFileURL(outfile).href);
  // Loaded modules stay in memory; the file has done its work once the import has read it.
  await loading.finally(() => fs.rmSync(outfile, { force: true }));
} catch (error) {
  // lib/env.ts refuses a bad setting (KAP_TRUSTED_PROXIES …) with a message that says which.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
