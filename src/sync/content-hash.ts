// A fingerprint of mapped content, stored with each link so an unchanged article is not written again.
import { createHash } from "node:crypto";

/**
 * sha256 (hex) of the value's canonical JSON: object keys sorted at every level, members that JSON
 * leaves out (undefined, functions) left out, Dates as ISO strings. Two values that would send the
 * same JSON body hash the same, whatever order their keys were built in.
 */
export function contentHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value) ?? "undefined").digest("hex");
}

/** JSON.stringify with sorted keys; undefined for what JSON cannot carry at the top level. */
export function canonicalJson(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, member: unknown) => {
    if (member === null || typeof member !== "object" || Array.isArray(member)) return member;
    const entries = Object.entries(member as Record<string, unknown>);
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}
