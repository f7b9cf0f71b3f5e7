import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

// The leak lib/http/abort-reasons.ts works around, in miniature: an Error made inside a method
// keeps that method's receiver alive through its unread stack, for as long as the aborted
// signal keeps the Error as its reason. In a child process with --expose-gc, which Vitest's
// workers do not have, and each case in a fresh process so neither sees the other's patch.
const patch = pathToFileURL(path.resolve(import.meta.dirname, "../../../lib/http/abort-reasons.ts")).href;

function retainedAfterAbort(patched: boolean): boolean {
  const script = `
    import { releaseAbortReasonStacks } from ${JSON.stringify(patch)};
    if (${patched}) releaseAbortReasonStacks();
    class Render {
      payload = new Array(2_000_000).fill(7);
      completed() { return new Error("This render completed successfully."); }
    }
    function renderOnce() {
      const controller = new AbortController();
      const render = new Render();
      controller.abort(render.completed());
      return { signal: controller.signal, payload: new WeakRef(render.payload) };
    }
    const { signal, payload } = renderOnce();
    // A WeakRef holds its target until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    globalThis.gc();
    await new Promise((resolve) => setImmediate(resolve));
    globalThis.gc();
    console.log(JSON.stringify({ aborted: signal.aborted, reason: signal.reason.message, retained: payload.deref() !== undefined }));`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kap-abort-"));
  fs.writeFileSync(path.join(dir, "check.mts"), script);
  const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", path.join(dir, "check.mts")], { encoding: "utf8", timeout: 60_000 });
  fs.rmSync(dir, { recursive: true, force: true });
  expect(run.stderr).toBe("");
  const out = JSON.parse(run.stdout) as { aborted: boolean; reason: string; retained: boolean };
  // The abort itself is unchanged: the signal is aborted with the same Error.
  expect(out).toMatchObject({ aborted: true, reason: "This render completed successfully." });
  return out.retained;
}

describe("abort reasons' stacks (the React server's per-request leak)", () => {
  it("an aborted signal's Error keeps the object that made it alive until its stack is read", () => {
    expect(retainedAfterAbort(false)).toBe(true);
  }, 60_000);

  it("with releaseAbortReasonStacks, that object is collected once nothing else holds it", () => {
    expect(retainedAfterAbort(true)).toBe(false);
  }, 60_000);
});
