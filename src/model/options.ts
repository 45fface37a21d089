/**
 * Constructor options, checked as strictly as events: each option either
 * works or is refused with an `invalid_query` error that names it, what it
 * takes and what came. An unknown option name (a typo such as `timezone`) is
 * refused too, with the nearest known name.
 */
import { AnalyticsError, ERROR_CODES } from './errors.js';
import { EARLIEST_EVENT_AT, LATEST_EVENT_AT, describeValue } from './validate.js';

/**
 * The instants options may name (`now`, `aggregatorSince`, a snapshot's
 * `takenAt`, `recordingSince`): the window event times must fall in, from
 * 2000-01-01 (inclusive) to 2200-01-01 (exclusive). A clock or an aggregator
 * start outside it means nothing for the events a source can hold, and the
 * usual mistakes (seconds, microseconds, nanoseconds) all fall outside it.
 */
export const FIRST_OPTION_INSTANT = EARLIEST_EVENT_AT;
export const LAST_OPTION_INSTANT = LATEST_EVENT_AT - 1;

function invalid(message: string): AnalyticsError {
  return new AnalyticsError(ERROR_CODES.invalidQuery, message);
}

/** Levenshtein distance, for "did you mean". Option names are short; this is cheap. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/**
 * Checks that `options` is undefined or a plain object whose own keys are all
 * in `known`; returns it as a record (`{}` for undefined).
 */
export function checkOptionNames(owner: string, options: unknown, known: readonly string[]): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalid(`${owner} takes an options object, got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const lower = key.toLowerCase();
    const near =
      known.find((name) => name.toLowerCase() === lower) ??
      known.find((name) => distance(name.toLowerCase(), lower) <= 2) ??
      known.find((name) => lower.length >= 4 && name.toLowerCase().startsWith(lower.slice(0, 4)));
    throw invalid(`${owner} has no option "${key}"${near ? ` (did you mean "${near}"?)` : ''}; its options are ${known.map((name) => `"${name}"`).join(', ')}`);
  }
  return options as Record<string, unknown>;
}

/** Whether `value` is an instant in epoch ms within the bounds above. */
export function isInstant(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= FIRST_OPTION_INSTANT && value <= LAST_OPTION_INSTANT;
}

/** For a number that is not an instant: " (that looks like seconds; multiply by 1000)" and the like, or "". */
export function instantUnitHint(value: unknown): string {
  if (typeof value !== 'number') return '';
  if (isInstant(value * 1000)) return ' (that looks like seconds; multiply by 1000)';
  if (isInstant(value / 1000)) return ' (that looks like microseconds; divide by 1000)';
  if (isInstant(value / 1e6)) return ' (that looks like nanoseconds; divide by 1000000)';
  return '';
}

/** An instant in epoch ms within the bounds above. */
export function checkInstant(owner: string, name: string, value: unknown): number {
  if (isInstant(value)) return value;
  throw invalid(`${owner}: "${name}" must be an instant in epoch milliseconds from 2000-01-01 to 2200-01-01 (as event times), got ${describeValue(value)}${instantUnitHint(value)}`);
}

/** `true` / `false`, or the fallback when undefined. */
export function checkBoolean(owner: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  throw invalid(`${owner}: "${name}" must be true or false, got ${describeValue(value)}`);
}

/** A number of milliseconds > 0 that a timer can wait (at most 2^31 − 1), or the fallback when undefined. */
export function checkDuration(owner: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && value > 0 && value <= 2_147_483_647) return value;
  throw invalid(`${owner}: "${name}" must be a number of milliseconds from 1 to 2147483647, got ${describeValue(value)}`);
}

/** A whole number from `min` (default 0) to `max`, or the fallback when undefined. */
export function checkCount(owner: string, name: string, value: unknown, fallback: number, max = Number.MAX_SAFE_INTEGER, min = 0): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max) return value;
  throw invalid(`${owner}: "${name}" must be a whole number from ${min} to ${max}, got ${describeValue(value)}`);
}

/** A function, or the fallback when undefined. */
export function checkFunction<F>(owner: string, name: string, value: unknown, fallback: F): F {
  if (value === undefined) return fallback;
  if (typeof value === 'function') return value as F;
  throw invalid(`${owner}: "${name}" must be a function, got ${describeValue(value)}`);
}

/** A non-empty string, or the fallback when undefined. */
export function checkText(owner: string, name: string, value: unknown, fallback: string | undefined): string | undefined {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && value !== '') return value;
  throw invalid(`${owner}: "${name}" must be a non-empty string, got ${describeValue(value)}`);
}

/**
 * A clock option: epoch ms (a fixed "now") or a function returning them;
 * `Date.now` when undefined. What a function answers is checked on every
 * call, and a function that throws becomes an `invalid_query` error too.
 */
export function checkClock(owner: string, name: string, value: unknown): () => number {
  if (value === undefined) return () => Date.now();
  if (typeof value === 'function') {
    const clock = value as () => unknown;
    return () => {
      let answer: unknown;
      try {
        answer = clock();
      } catch (error) {
        throw new AnalyticsError(ERROR_CODES.invalidQuery, `${owner}: "${name}()" threw: ${error instanceof Error ? error.message : describeValue(error)}`, { cause: error });
      }
      return checkInstant(owner, `${name}()`, answer);
    };
  }
  const fixed = checkInstant(owner, name, value);
  return () => fixed;
}
