// Preloaded into each server process by `npm run bench:profile` (NODE_OPTIONS=--import=…, since
// Node refuses --cpu-prof there). On SIGUSR2 it starts V8's sampling profiler through the
// inspector, so the profile holds the steady state and not the start-up and warm-up; at exit it
// writes <pid>.cpuprofile into KAP_BENCH_CPU_PROFILE_DIR. A session on the same thread answers
// synchronously, so the profile is written inside the 'exit' handler.
import fs from "node:fs";
import inspector from "node:inspector";
import path from "node:path";

const dir = process.env.KAP_BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  let started = false;
  process.on("SIGUSR2", () => {
    if (started) return;
    started = true;
    session.post("Profiler.enable");
    session.post("Profiler.setSamplingInterval", { interval: 500 });
    session.post("Profiler.start");
  });
  // The bench stops a server by signalling its whole process group, so the serving process gets
  // SIGTERM from it and again from start.mjs; the server exits on the first, and this listener
  // keeps the second from killing it before 'exit' (where the profile is written).
  for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => {});
  process.on("exit", () => {
    if (!started) return;
    session.post("Profiler.stop", (error, result) => {
      if (!error) fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
