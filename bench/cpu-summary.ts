// What a V8 CPU profile says about a request (bench/profile.ts): self time by where the code lives
// (React's renderer inside Next.js's runtime, Next.js, Prisma, pg, Node's own streams and zlib,
// garbage collection …) and by function, per request. Pure: tests/unit/bench/cpu-summary.test.ts.
import path from "node:path";

export type CallFrame = { functionName: string; url: string; lineNumber: number };
export type ProfileNode = { id: number; callFrame: CallFrame };
export type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/** Where a function's code lives, in a few words. */
export function placeOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (functionName === "(garbage collector)") return "garbage collection";
  if (functionName === "(program)") return "V8 and native code (parsing, compiling, the event loop)";
  if (!url) return "V8 and native code (parsing, compiling, the event loop)";
  if (/esbuild|node:internal\/modules|loader/.test(url)) return "start-up (compiling modules; not per request)";
  if (url.startsWith("node:")) {
    if (/zlib/.test(url)) return "Node.js: compression (zlib)";
    if (/stream|net|http|_http/.test(url)) return "Node.js: HTTP, sockets and streams";
    return "Node.js: other";
  }
  // Next.js ships React's server renderer compiled into its app-page runtime.
  if (/app-page(-turbo)?(-experimental)?\.runtime\.prod\.js/.test(url)) return "Next.js app runtime with React's server renderer (rendering HTML and RSC)";
  if (/react-dom|react-server-dom|\/react\//.test(url)) return "React rendering (react-dom, RSC)";
  if (/node_modules\/next\//.test(url)) return "Next.js";
  if (/@prisma|\/prisma\/|query_compiler|\.prisma/.test(url)) return "Prisma";
  if (/node_modules\/pg(-[a-z]+)?\//.test(url)) return "pg (the PostgreSQL driver)";
  if (/next-auth|@auth|jose|@panva/.test(url)) return "next-auth and jose (the session cookie)";
  if (/date-fns|@date-fns/.test(url)) return "date-fns";
  if (/zod/.test(url)) return "zod";
  if (/\.next\/server\//.test(url)) return "the app's code and the libraries Next.js bundles into it (.next/server)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  return pkg ? `other packages (${pkg[1]})` : "other";
}

/** Self time (ms) of each sampled node of a profile, without idle time. */
export function selfTimes(profile: CpuProfile): { frame: CallFrame; ms: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ms = new Map<number, number>();
  profile.samples.forEach((id, i) => ms.set(id, (ms.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  return [...ms].map(([id, t]) => ({ frame: byId.get(id)!.callFrame, ms: t })).filter((x) => x.frame.functionName !== "(idle)");
}

export function summarise(title: string, profiles: CpuProfile[], requests: number): string {
  const times = profiles.flatMap(selfTimes);
  const total = times.reduce((sum, t) => sum + t.ms, 0);
  const sum = (key: (t: { frame: CallFrame }) => string) => {
    const m = new Map<string, number>();
    for (const t of times) m.set(key(t), (m.get(key(t)) ?? 0) + t.ms);
    return [...m].sort((a, b) => b[1] - a[1]);
  };
  // Places under a tenth of a millisecond a request are folded into one row.
  const places = sum((t) => placeOf(t.frame)).reduce<[string, number][]>((rows, [place, ms]) => {
    if (Math.abs(ms / requests) >= 0.1) rows.push([place, ms]);
    else {
      const rest = rows.find(([p]) => p === "the rest");
      if (rest) rest[1] += ms;
      else rows.push(["the rest", ms]);
    }
    return rows;
  }, []);
  const functions = sum((t) => `${t.frame.functionName || "(anonymous)"} · ${path.basename(t.frame.url.split("?")[0] ?? "") || "native"}`).slice(0, 15);
  const perRequest = (ms: number) => (ms / requests).toFixed(1);
  return [
    `### ${title}`,
    "",
    `${requests} requests one at a time: **${perRequest(total)} ms of the server's CPU a request** (sampled, idle excluded).`,
    "",
    "| where | ms a request | share |",
    "| --- | --- | --- |",
    ...places.map(([place, ms]) => `| ${place} | ${perRequest(ms)} | ${Math.round((100 * ms) / total)}% |`),
    "",
    "<details><summary>The 15 functions with the most self time</summary>",
    "",
    "| function · file | ms a request |",
    "| --- | --- |",
    ...functions.map(([fn, ms]) => `| ${fn.replace(/\|/g, "\\|")} | ${perRequest(ms)} |`),
    "",
    "</details>",
    "",
  ].join("\n");
}

