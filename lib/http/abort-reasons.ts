// A workaround for a memory leak in the React server that Next.js 16.4.6 ships (react PR #37289,
// still open): when a render has been flushed, React aborts its cacheSignal with an Error made
// right there. V8 keeps a new Error's stack as frames until `.stack` is first read, and frames
// hold their receivers: here the Immediate that ran the flush, whose async context belongs to
// another request, whose render's abort Error holds frames in turn. So each request kept earlier
// ones alive, and a server's heap grew by ~100 kB a request (2.7 GB after 8,000 calendar pages;
// with a 384 MB heap the server died after ~7,000). Reading the stack as an Error becomes an
// abort reason turns its frames into a string and lets them go; nothing else changes.

const RELEASES = Symbol.for("kap.abortReasonStacks");

/** Makes every AbortController of this process read an Error reason's stack as it aborts. Once per process. */
export function releaseAbortReasonStacks(): void {
  const proto = AbortController.prototype as AbortController & { [RELEASES]?: true };
  if (proto[RELEASES]) return;
  const abort = proto.abort;
  proto.abort = function abortReleasingStack(this: AbortController, reason?: unknown) {
    if (reason instanceof Error) void reason.stack;
    return abort.call(this, reason);
  };
  proto[RELEASES] = true;
}
