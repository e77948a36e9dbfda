// Small pure helpers the mappings share: Finago sends empty text and absent members alike, and
// Ongoing keeps a value that a PUT leaves out, so absent values are left out, never sent empty.

export function presentText(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

export function dropAbsent<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
