/**
 * Fault injection for the mock server: which requests fail and how, so tests
 * and the demo can see retries, error screens and the response validator work.
 */
import { htmlPage, wpError } from './wp-response.js';

/** Declarative faults. Without `times` and `rate` every request fails. */
export interface FailureOptions {
  /** Status of the injected answer: default 500 for an error, 200 for `html` and `malformed`. */
  status?: number;
  /** Chance (0..1) that a request fails; default 1. */
  rate?: number;
  /** Only this many requests fail, then all succeed; default unlimited. */
  times?: number;
  /** Answer with the real body missing a field instead of an error. */
  malformed?: boolean;
  /** Answer with an HTML page (a PHP fatal error, a login page) instead of JSON. */
  html?: boolean;
  /** The random source behind `rate`, for repeatable runs; default `Math.random`. */
  random?: () => number;
}

/** A fault as a function: a Response answers the request, undefined lets it through. */
export type FailureInjector = (request: Request) => Response | undefined | Promise<Response | undefined>;

/** What the next request gets: the real answer, or one of the faults. */
export type Fault = { kind: 'none' } | { kind: 'response'; response: Response } | { kind: 'malformed'; status: number };

export function faultPlan(failures: FailureOptions | FailureInjector | undefined): (request: Request) => Promise<Fault> {
  if (failures === undefined) return async () => ({ kind: 'none' });
  if (typeof failures === 'function') {
    return async (request) => {
      const response = await failures(request);
      return response === undefined ? { kind: 'none' } : { kind: 'response', response };
    };
  }
  const { rate = 1, times = Number.POSITIVE_INFINITY, random = Math.random } = failures;
  let failed = 0;
  return async () => {
    if (failed >= times || !(random() < rate)) return { kind: 'none' };
    failed += 1;
    if (failures.html) return { kind: 'response', response: htmlPage(failures.status ?? 200) };
    if (failures.malformed) return { kind: 'malformed', status: failures.status ?? 200 };
    const status = failures.status ?? 500;
    const response =
      status === 429
        ? wpError(429, 'rest_too_many_requests', 'Too many requests. Try again in a moment.')
        : wpError(status, 'internal_server_error', 'There has been a critical error on this website.');
    if (status === 429) response.headers.set('Retry-After', '1');
    return { kind: 'response', response };
  };
}

/**
 * The wire body with one required field taken out: `overview.total_posts` of a
 * report, `posts` of every row, `drift_pct` of every diff metric.
 */
export function malform(body: unknown): unknown {
  const copy = structuredClone(body) as unknown;
  if (Array.isArray(copy)) {
    for (const row of copy) if (isRecord(row)) delete row['posts'];
  } else if (isRecord(copy)) {
    const overview = copy['overview'];
    if (isRecord(overview)) delete overview['total_posts'];
    const metrics = copy['metrics'];
    if (Array.isArray(metrics)) for (const metric of metrics) if (isRecord(metric)) delete metric['drift_pct'];
  }
  return copy;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
