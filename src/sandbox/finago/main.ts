// Starts the Finago sandbox on its own: `npm run sandbox:finago` (PORT, default 8081).
import { startFinagoSandbox } from "./server.js";
import { DEFAULT_SANDBOX_USER } from "./state.js";

const port = Number(process.env.PORT ?? 8081);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got ${process.env.PORT}`);
  process.exit(1);
}
const sandbox = await startFinagoSandbox({ port, host: process.env.HOST ?? "127.0.0.1" });
console.log(`Finago sandbox listening at ${sandbox.url}`);
console.log(`  user ${DEFAULT_SANDBOX_USER.username}, any ApplicationId guid; admin at ${sandbox.url}/_sandbox/`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    sandbox.stop().then(() => process.exit(0), () => process.exit(1));
  });
}
