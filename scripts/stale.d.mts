/** Newest modification time (ms) of the files under the given paths; missing paths count as nothing. */
export function newestMtime(paths: readonly string[]): number;
/** Whether `output` is missing or older than any file under `sources`. */
export function isStale(output: string, sources: readonly string[]): boolean;
