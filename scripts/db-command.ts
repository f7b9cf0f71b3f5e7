// The operations commands' common ending: a refusal or failure is printed in words (not a stack
// trace) and exits 1, so a script or a cron job sees it; success exits 0 at once (a pg pool left
// open would otherwise keep the process alive for seconds).
export function runCommand(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      if (process.env.KAP_DEBUG) console.error(error);
      process.exit(1);
    },
  );
}
