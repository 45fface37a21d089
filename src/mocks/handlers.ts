/**
 * MSW handlers serving the analytics REST contract (docs/rest-api.md) from
 * any data source, for tests and the demo. DOM-free: use them with
 * `setupWorker` from `msw/browser` or `setupServer` from `msw/node`, or call
 * MSW's `getResponse(handlers, request)` directly.
 */
import { delay, http, type HttpHandler } from 'msw';
import { AnalyticsError, ERROR_CODES } from '../model/errors.js';
import type { TableId } from '../model/report.js';
import type { AnalyticsDataSource } from '../sources/data-source.js';
import { toWire } from '../sources/wire-case.js';
import { faultPlan, malform, type FailureInjector, type FailureOptions } from './faults.js';
import {
  DEFAULT_PER_PAGE,
  DEFAULT_TOP_N,
  MAX_PER_PAGE,
  MAX_TOP_N,
  ParamError,
  readDiffRange,
  readInteger,
  readPath,
  readRange,
} from './params.js';
import { invalidParam, noRoute, wpError, wpJson } from './wp-response.js';

export type { FailureInjector, FailureOptions } from './faults.js';

/** What `createAnalyticsHandlers` serves, where, and which faults it injects. */
export interface AnalyticsHandlersOptions {
  /** Where the numbers come from, e.g. a `MemoryDataSource`. */
  source: AnalyticsDataSource;
  /** The REST root, ending with `/`: `/wp-json/`, `https://example.org/wp-json/` or `/index.php?rest_route=/`. Default `/wp-json/`. */
  root?: string;
  /**
   * The valid `X-WP-Nonce`; a function is read on every request, so a test can
   * expire it. Without it no nonce is checked.
   */
  nonce?: string | (() => string);
  /** Where the fresh nonce is served (`?action=rest-nonce`); default `admin-ajax.php` beside the root's `wp-admin/`. */
  ajaxUrl?: string;
  /** Delay before every answer, in ms. */
  latencyMs?: number;
  /** Faults to inject (see `FailureOptions`), or a function answering chosen requests itself. */
  failures?: FailureOptions | FailureInjector;
}

const NAMESPACE = 'jetonomy/v1/analytics';
const ROW_ROUTES: Record<string, TableId> = { '/top-spaces': 'top-spaces', '/top-contributors': 'top-contributors', '/daily': 'daily' };

/** A body to send, or a finished error response. */
type Answer = { body: unknown; headers?: Record<string, string> } | Response;

/**
 * MSW handlers answering the analytics REST routes (`/report`, `/top-spaces`,
 * `/top-contributors`, `/daily`, `/diff-report`) under `root` from `source`,
 * as the WordPress plugin does: snake_case JSON, `X-WP-Total` headers,
 * WordPress errors, the nonce check and the fresh-nonce route.
 */
export function createAnalyticsHandlers(options: AnalyticsHandlersOptions): HttpHandler[] {
  const { source, root = '/wp-json/', latencyMs = 0 } = options;
  if (typeof root !== 'string' || !root.endsWith('/')) {
    throw new TypeError(`The REST root must end with "/", such as "/wp-json/"; got ${JSON.stringify(root)}.`);
  }
  const currentNonce = (): string | undefined => (typeof options.nonce === 'function' ? options.nonce() : options.nonce);
  const nextFault = faultPlan(options.failures);
  const ajaxUrl = options.ajaxUrl ?? defaultAjaxUrl(root);

  const analytics = http.all('*', async ({ request }) => {
    const route = routeOf(request.url, root);
    if (route === undefined) return undefined;
    if (latencyMs > 0) await delay(latencyMs);
    const fault = await nextFault(request);
    if (fault.kind === 'response') return fault.response;

    const denied = checkNonce(request, currentNonce());
    if (denied) return denied;
    const answer = await answerRoute(source, request, route);
    if (answer instanceof Response) return answer;
    const body = fault.kind === 'malformed' ? malform(answer.body) : answer.body;
    return wpJson(body, { status: fault.kind === 'malformed' ? fault.status : 200, headers: answer.headers ?? {} });
  });

  const restNonce = http.all('*', ({ request }) => {
    const nonce = currentNonce();
    if (nonce === undefined || !sameEndpoint(request.url, ajaxUrl)) return undefined;
    if (new URL(request.url).searchParams.get('action') !== 'rest-nonce') return undefined;
    return new Response(nonce, { headers: { 'Content-Type': 'text/html; charset=UTF-8' } });
  });

  return [analytics, restNonce];
}

/** The route after the namespace (`/report`, `` for the namespace itself), or undefined when the URL is elsewhere. */
function routeOf(url: string, root: string): string | undefined {
  const requested = new URL(url);
  const rootUrl = new URL(root, requested);
  const restRoute = rootUrl.searchParams.get('rest_route');
  let path: string;
  if (restRoute !== null) {
    // Plain permalinks: the route travels in ?rest_route=.
    if (requested.origin !== rootUrl.origin || requested.pathname !== rootUrl.pathname) return undefined;
    path = requested.searchParams.get('rest_route') ?? '';
    const namespace = `${restRoute}${NAMESPACE}`;
    if (path !== namespace && !path.startsWith(`${namespace}/`)) return undefined;
    path = path.slice(namespace.length);
  } else {
    const base = `${rootUrl.pathname}${NAMESPACE}`;
    if (requested.origin !== rootUrl.origin) return undefined;
    if (requested.pathname !== base && !requested.pathname.startsWith(`${base}/`)) return undefined;
    path = requested.pathname.slice(base.length);
  }
  return path.endsWith('/') ? path.slice(0, -1) : path;
}

function sameEndpoint(url: string, endpoint: string): boolean {
  const requested = new URL(url);
  const target = new URL(endpoint, requested);
  return requested.origin === target.origin && requested.pathname === target.pathname;
}

function defaultAjaxUrl(root: string): string {
  const rootPath = root.split('?')[0] ?? root;
  const site = rootPath.endsWith('/wp-json/') ? rootPath.slice(0, -'wp-json/'.length) : rootPath.replace(/[^/]*$/, '');
  return `${site}wp-admin/admin-ajax.php`;
}

/** WordPress's cookie check: no nonce means a logged-out visitor, a wrong one is refused. */
function checkNonce(request: Request, nonce: string | undefined): Response | undefined {
  if (nonce === undefined) return undefined;
  const sent = request.headers.get('X-WP-Nonce');
  if (sent === null || sent === '') return wpError(401, 'rest_forbidden', 'Sorry, you are not allowed to do that.');
  if (sent !== nonce) return wpError(403, 'rest_cookie_invalid_nonce', 'Cookie check failed');
  return undefined;
}

async function answerRoute(source: AnalyticsDataSource, request: Request, route: string): Promise<Answer> {
  if (request.method !== 'GET') return noRoute();
  const query = new URL(request.url).searchParams;
  const signal = request.signal;
  try {
    if (route === '/report') {
      const range = readRange(query);
      if (range instanceof ParamError) return invalidParam(range.param, range.reason);
      const path = readPath(query);
      if (path instanceof ParamError) return invalidParam(path.param, path.reason);
      const topN = readInteger(query, 'top_n', DEFAULT_TOP_N, 0, MAX_TOP_N);
      if (topN instanceof ParamError) return invalidParam(topN.param, topN.reason);
      return { body: toWire(await source.report({ range, path, topN, signal })) };
    }
    const table = ROW_ROUTES[route];
    if (table !== undefined) {
      const range = readRange(query);
      if (range instanceof ParamError) return invalidParam(range.param, range.reason);
      const path = readPath(query);
      if (path instanceof ParamError) return invalidParam(path.param, path.reason);
      const page = readInteger(query, 'page', 1, 1, Number.MAX_SAFE_INTEGER);
      if (page instanceof ParamError) return invalidParam(page.param, page.reason);
      const perPage = readInteger(query, 'per_page', DEFAULT_PER_PAGE, 1, MAX_PER_PAGE);
      if (perPage instanceof ParamError) return invalidParam(perPage.param, perPage.reason);
      const result = await source.rows(table, { range, path, offset: (page - 1) * perPage, limit: perPage, signal });
      const headers = { 'X-WP-Total': String(result.total), 'X-WP-TotalPages': String(Math.max(1, Math.ceil(result.total / perPage))) };
      return { body: toWire(result.rows), headers };
    }
    if (route === '/diff-report') {
      const range = readDiffRange(query);
      if (range instanceof ParamError) return invalidParam(range.param, range.reason);
      // The diff report is snake_case already, in TypeScript as on the wire.
      return { body: await source.diffReport({ range, signal }) };
    }
    return noRoute();
  } catch (error) {
    return sourceError(error);
  }
}

function sourceError(error: unknown): Response {
  if (error instanceof AnalyticsError && error.code === ERROR_CODES.invalidQuery) {
    return wpError(400, 'rest_invalid_param', error.message);
  }
  const message = error instanceof Error ? error.message : String(error);
  return wpError(500, 'internal_server_error', message);
}
