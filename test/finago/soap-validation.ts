// Test helper: validates SOAP envelopes against the schemas inside the real Finago WSDLs with
// ../shared/tools/soap_validate.py (xmllint). Not a test file itself.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
export const SHARED_DIR = path.resolve(repoRoot, "../shared");
export const REAL_FINAGO_DIR = path.join(SHARED_DIR, "reference/finago");
const VALIDATOR = path.join(SHARED_DIR, "tools/soap_validate.py");

/** Why validation cannot run here, or undefined when it can. */
export function validationUnavailable(): string | undefined {
  if (!existsSync(VALIDATOR)) return `${VALIDATOR} not found`;
  if (spawnSync("xmllint", ["--version"]).error) return "xmllint missing (apt-get install libxml2-utils)";
  return undefined;
}

/** Runs the validator over the envelopes; returns its output and whether all were valid. */
export function validateEnvelopes(envelopes: { name: string; xml: string }[]): { ok: boolean; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "finago-soap-"));
  const files = envelopes.map((e, i) => {
    const file = path.join(dir, `${String(i).padStart(3, "0")}-${e.name.replace(/[^\w.-]/g, "_")}.xml`);
    writeFileSync(file, e.xml);
    return file;
  });
  try {
    const output = execFileSync("python3", [VALIDATOR, REAL_FINAGO_DIR, ...files], { encoding: "utf8" });
    return { ok: true, output };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}
