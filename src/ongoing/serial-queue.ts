// Ongoing processes a goods owner's calls one after another on its side and asks integrators to
// call sequentially; parallel calls only end in timeouts. This queue is process-wide so that two
// clients built for the same goods owner (say, a webhook job and a scheduled sync) still take turns.

const tails = new Map<string, Promise<void>>();

/** Runs `task` after every task queued earlier under `key` has settled. */
export function runInTurn<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const result = previous.then(task);
  const tail = result.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return result;
}

/** Number of keys with work queued or running (for tests and diagnostics). */
export function busyQueueCount(): number {
  return tails.size;
}
