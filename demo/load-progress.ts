/**
 * How far a long load is, in numbers: events handled of the total, the
 * percentage, and an estimate of the time left from the rate so far.
 */

export interface LoadProgress {
  /** Events handled so far. */
  done: number;
  /** Events asked for. */
  total: number;
  /** Milliseconds since the load started. */
  elapsedMs: number;
}

/** Below this much work or time the rate says too little to estimate from. */
const MIN_SHARE = 0.02;
const MIN_ELAPSED_MS = 500;

/** The share done, 0–1. */
export function shareDone({ done, total }: Pick<LoadProgress, 'done' | 'total'>): number {
  return total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
}

/** Estimated milliseconds left at the rate so far, or null while there is too little to go on. */
export function timeLeftMs(progress: LoadProgress): number | null {
  const share = shareDone(progress);
  if (share >= 1) return 0;
  if (share < MIN_SHARE || progress.elapsedMs < MIN_ELAPSED_MS) return null;
  return (progress.elapsedMs * (1 - share)) / share;
}

/** A duration as people say it: "about 12 s", "about 2 min 5 s", "less than a second". */
export function describeTimeLeft(ms: number): string {
  if (ms < 1000) return 'less than a second left';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `about ${seconds} s left`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return `about ${minutes} min${rest > 0 ? ` ${rest} s` : ''} left`;
}

/** "345,678 of 1,000,000 events (35 %), about 6 s left": what the progress line shows. */
export function describeProgress(progress: LoadProgress, locale?: string): string {
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percent = Math.floor(shareDone(progress) * 100);
  const left = timeLeftMs(progress);
  const estimate = left === null ? 'estimating the time left…' : describeTimeLeft(left);
  return `${count.format(Math.min(progress.done, progress.total))} of ${count.format(progress.total)} events (${percent} %), ${estimate}`;
}

/** "350,000 of 1,000,000 events (35 %)": where a stopped load was. */
export function describeStop({ done, total }: Pick<LoadProgress, 'done' | 'total'>, locale?: string): string {
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  return `${count.format(Math.min(done, total))} of ${count.format(total)} events (${Math.floor(shareDone({ done, total }) * 100)} %)`;
}
