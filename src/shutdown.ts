// Graceful shutdown on SIGINT and SIGTERM. A repeat of the signal within a second is ignored:
// Ctrl-C on `npm run …` reaches both npm and this process, and npm forwards it once more. A later
// repeat means the user insists, and the process exits at once; so does a close that overruns.
const ECHO_WINDOW_MS = 1000;

export function closeOnSignals(
  close: (reason: { signal?: NodeJS.Signals; err?: unknown }) => Promise<void>,
  options: { graceMs: number; log?: (line: string) => void },
): void {
  const log = options.log ?? ((line: string) => console.error(line));
  let closingSince: number | undefined;

  const begin = (reason: { signal?: NodeJS.Signals; err?: unknown }, code: number) => {
    if (closingSince !== undefined) {
      if (reason.signal && Date.now() - closingSince < ECHO_WINDOW_MS) return;
      log(`${reason.signal ?? "error"} again while closing; exiting now`);
      process.exit(1);
    }
    closingSince = Date.now();
    const overrun = setTimeout(() => {
      log(`shutdown took longer than ${options.graceMs} ms; exiting`);
      process.exit(1);
    }, options.graceMs);
    overrun.unref();
    close(reason).then(
      () => process.exit(code),
      (err) => {
        log(`shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  };

  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => begin({ signal }, 0));
  for (const event of ["uncaughtException", "unhandledRejection"] as const) process.on(event, (err) => begin({ err }, 1));
}
