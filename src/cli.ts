// Operators' command line: `npm run cli -- <command>`. Uses the same configuration as the
// service (DATABASE_URL, or the embedded database under DATA_DIR when the service is stopped).
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "./config.js";
import { PROCESS_NAMES, type ProcessName } from "./integrations/integration-settings.js";
import type { runView } from "./ledger/ledger-service.js";
import { createLogger } from "./logger.js";
import { createRuntime } from "./runtime.js";

const USAGE = `usage:
  npm run cli -- integrations                          list integrations
  npm run cli -- sync <integrationId> <process> [--full] [--dry-run]
                                                       run one process now and print its summary
  npm run cli -- runs [--integration <id>] [--process <p>] [--outcome <s>] [--limit <n>]
                                                       list recent runs, newest first
processes: ${PROCESS_NAMES.join(", ")}`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      full: { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
      integration: { type: "string" },
      process: { type: "string" },
      outcome: { type: "string" },
      limit: { type: "string", default: "20" },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || !["integrations", "sync", "runs"].includes(command)) {
    console.error(USAGE);
    return 2;
  }
  if (command === "sync" && (rest.length !== 2 || !PROCESS_NAMES.includes(rest[1] as ProcessName))) {
    console.error(USAGE);
    return 2;
  }
  const config = { ...loadConfig(), WORKERS_ENABLED: false };
  const runtime = await createRuntime(config, { logger: createLogger(process.env.LOG_LEVEL ?? "warn") });
  try {
    if (command === "integrations") {
      for (const i of await runtime.integrations.list()) {
        const on = Object.entries(i.settings.processes).filter(([, v]) => v).map(([k]) => k).join(",");
        console.log(`${i.id}  ${i.enabled ? "enabled " : "disabled"}  goods owner ${i.ongoing.goodsOwnerId}  ${i.name}  [${on}]`);
      }
      return 0;
    }
    if (command === "runs") {
      const limit = Number(values.limit);
      const runs = await runtime.app.inject({
        method: "GET",
        url: "/api/runs",
        headers: { authorization: `Bearer ${config.ADMIN_TOKEN}` },
        query: {
          ...(values.integration ? { integrationId: values.integration } : {}),
          ...(values.process ? { process: values.process } : {}),
          ...(values.outcome ? { outcome: values.outcome } : {}),
          limit: String(Number.isInteger(limit) && limit > 0 ? limit : 20),
        },
      });
      if (runs.statusCode !== 200) {
        console.error(runs.json().message);
        return 1;
      }
      for (const run of runs.json() as ReturnType<typeof runView>[]) {
        const counts = Object.entries(run.counts).map(([k, v]) => `${k}=${v}`).join(" ") || "-";
        console.log(`${run.queuedAt}  ${run.id}  ${run.process.padEnd(9)} ${run.trigger.padEnd(8)} ${run.status.padEnd(9)} ${counts}${run.error ? `  error: ${run.error}` : ""}`);
      }
      return 0;
    }
    const [integrationId, processName] = rest as [string, ProcessName];
    const integration = await runtime.integrations.resolve(integrationId);
    if (!integration) {
      console.error(`no integration ${integrationId}`);
      return 1;
    }
    const run = await runtime.runs.createRun({
      integrationId, process: processName, trigger: "operator", fullResync: values.full, dryRun: values["dry-run"],
    });
    await runtime.runs.executeRun(run.id);
    const view = (await runtime.app.inject({ method: "GET", url: `/api/runs/${run.id}`, headers: { authorization: `Bearer ${config.ADMIN_TOKEN}` } })).json();
    const { items, ...summary } = view as { items: Array<{ action: string }>; status: string };
    const notable = items.filter((i) => !["unchanged", "skipped"].includes(i.action));
    console.log(JSON.stringify({ ...summary, items: notable, itemsNotShown: items.length - notable.length }, null, 2));
    return summary.status === "succeeded" ? 0 : 1;
  } finally {
    await runtime.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  },
);
