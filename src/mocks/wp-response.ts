/**
 * Responses in the shapes a WordPress REST server sends: JSON with the
 * WordPress content type, and errors as `{ code, message, data: { status } }`.
 */

/** A WordPress REST error body. `params` names the offending parameters, as `rest_invalid_param` does. */
export interface WpErrorBody {
  code: string;
  message: string;
  data: { status: number; params?: Record<string, string> };
}

const JSON_TYPE = 'application/json; charset=UTF-8';

export function wpJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { 'Content-Type': JSON_TYPE, ...init.headers },
  });
}

export function wpError(status: number, code: string, message: string, params?: Record<string, string>): Response {
  const body: WpErrorBody = { code, message, data: params === undefined ? { status } : { status, params } };
  return wpJson(body, { status });
}

/** 400 `rest_invalid_param`, worded as WordPress words it: "Invalid parameter(s): start". */
export function invalidParam(name: string, reason: string): Response {
  return wpError(400, 'rest_invalid_param', `Invalid parameter(s): ${name}`, { [name]: reason });
}

export const noRoute = (): Response => wpError(404, 'rest_no_route', 'No route was found matching the URL and request method.');

/** What a PHP fatal error or a login redirect puts where JSON was expected. */
export function htmlPage(status: number): Response {
  const page =
    '<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>WordPress &rsaquo; Error</title></head>' +
    '<body id="error-page"><div class="wp-die-message"><p>There has been a critical error on this website.</p></div></body></html>';
  return new Response(page, { status, headers: { 'Content-Type': 'text/html; charset=UTF-8' } });
}
