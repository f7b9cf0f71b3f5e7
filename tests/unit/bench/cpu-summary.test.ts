import { describe, expect, test } from "vitest";
import { placeOf, selfTimes, summarise, type CpuProfile } from "@/bench/cpu-summary";

// The profile bench's reading of V8 CPU profiles (issue 16): self time per node from the samples
// and their time deltas, idle left out, and the places a file belongs to.

const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });

/** Three functions and idle, sampled every 1 ms (deltas in microseconds). */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame("(root)", "") },
    { id: 2, callFrame: frame("(idle)", "") },
    { id: 3, callFrame: frame("renderToStream", "file:///app/node_modules/next/dist/compiled/next-server/app-page-turbo.runtime.prod.js") },
    { id: 4, callFrame: frame("query", "file:///app/node_modules/pg/lib/client.js") },
    { id: 5, callFrame: frame("(garbage collector)", "") },
  ],
  samples: [3, 3, 2, 4, 3, 5, 2, 2],
  timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
};

describe("CPU profile summary", () => {
  test("self time per function from samples and their deltas, without idle", () => {
    const times = Object.fromEntries(selfTimes(profile).map((t) => [t.frame.functionName, t.ms]));
    expect(times).toEqual({ renderToStream: 3, query: 1, "(garbage collector)": 1 });
  });

  test("each file is placed where its code comes from", () => {
    expect(placeOf(frame("x", "file:///a/node_modules/next/dist/compiled/next-server/app-page-turbo.runtime.prod.js"))).toMatch(/^Next\.js app runtime with React/);
    expect(placeOf(frame("x", "file:///a/node_modules/next/dist/server/base-server.js"))).toBe("Next.js");
    expect(placeOf(frame("x", "file:///a/node_modules/@prisma/client/runtime/client.js"))).toBe("Prisma");
    expect(placeOf(frame("x", "file:///a/node_modules/pg-protocol/dist/parser.js"))).toBe("pg (the PostgreSQL driver)");
    expect(placeOf(frame("x", "node:zlib"))).toBe("Node.js: compression (zlib)");
    expect(placeOf(frame("x", "node:internal/streams/writable"))).toBe("Node.js: HTTP, sockets and streams");
    expect(placeOf(frame("x", "file:///a/.next/server/chunks/ssr/_18cm._.js"))).toMatch(/^the app's code/);
    expect(placeOf(frame("(garbage collector)", ""))).toBe("garbage collection");
    expect(placeOf(frame("x", "file:///a/node_modules/ical-generator/dist/index.js"))).toBe("other packages (ical-generator)");
  });

  test("the report gives milliseconds a request, and a second profile subtracted leaves the difference", () => {
    const warmUp: CpuProfile = { ...profile, samples: [3], timeDeltas: [-1000] };
    const report = summarise("Calendar", [profile, warmUp], 2);
    // 5 ms of work less 1 ms of warm-up, over 2 requests.
    expect(report).toContain("**2.0 ms of the server's CPU a request**");
    expect(report).toMatch(/\| Next\.js app runtime with React's server renderer \(rendering HTML and RSC\) \| 1\.0 \| 50% \|/);
    expect(report).toContain("| pg (the PostgreSQL driver) | 0.5 | 25% |");
  });
});
