// First-load JavaScript per page, from the production build: the root chunks every page loads
// plus the chunks of the page's layouts, page and boundaries (its client reference manifest),
// each gzipped as a server would send it.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";

export type PageJs = { route: string; gzipKb: number };

export function firstLoadJs(buildDir = ".next"): PageJs[] {
  const routes = JSON.parse(fs.readFileSync(path.join(buildDir, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  const sizes = new Map<string, number>();
  const gzipped = (file: string) => {
    if (!sizes.has(file)) sizes.set(file, zlib.gzipSync(fs.readFileSync(path.join(buildDir, file))).length);
    return sizes.get(file)!;
  };
  const out: PageJs[] = [];
  for (const [entry, route] of Object.entries(routes)) {
    if (!entry.endsWith("/page") || route.startsWith("/_")) continue;
    const dir = path.join(buildDir, "server", "app", entry);
    const build = JSON.parse(fs.readFileSync(path.join(dir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
    const sandbox = { globalThis: {} as { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } };
    vm.runInNewContext(fs.readFileSync(`${dir}_client-reference-manifest.js`, "utf8"), sandbox);
    const manifest = Object.values(sandbox.globalThis.__RSC_MANIFEST ?? {})[0];
    const files = new Set([...build.rootMainFiles, ...Object.values(manifest?.entryJSFiles ?? {}).flat()]);
    const bytes = [...files].reduce((sum, file) => sum + gzipped(file), 0);
    out.push({ route, gzipKb: Math.round(bytes / 102.4) / 10 });
  }
  return out.sort((a, b) => a.route.localeCompare(b.route));
}
