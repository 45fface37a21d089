import { AnalyticsError } from '../model/errors.js';
import type { Messages } from './i18n.js';

/** A superseded or cancelled request: never shown to the user. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** What to tell the user about a failed load: access problems in plain words, otherwise the error's own message. */
export function errorMessage(error: unknown, messages: Messages): string {
  return describeError(error, messages).summary;
}

/** A failed load told in two lines: what happened in plain words, and the facts behind it for whoever looks into it. */
export interface ErrorDescription {
  /** What happened, in the user's words: "The server could not answer (HTTP 500)." */
  summary: string;
  /** "Details: internal_server_error · HTTP 500 · <the server's message>", or `''` when there is nothing more to say. */
  details: string;
}

/**
 * Describes a failed load. An HTTP failure is said in plain words with its
 * status (a server's own text, such as WordPress's "There has been a critical
 * error on this website.", says nothing a reader can act on), and the error's
 * code, status and message go to the details line; any other error keeps its
 * own message, which the library writes for people.
 */
export function describeError(error: unknown, messages: Messages): ErrorDescription {
  if (error instanceof AnalyticsError) {
    const status = error.status;
    const facts = [error.code, status === undefined ? '' : `HTTP ${status}`, error.message].filter((fact) => fact !== '');
    const details = messages.errorDetails(facts.join(' · '));
    if (status === 401 || status === 403) return { summary: messages.forbidden, details };
    if (status !== undefined && status >= 500) return { summary: messages.serverFailed(String(status)), details };
    if (status !== undefined && status >= 400) return { summary: messages.requestRefused(String(status)), details };
    return { summary: error.message || messages.errorTitle, details: error.code ? messages.errorDetails(error.code) : '' };
  }
  if (error instanceof Error && error.message) return { summary: error.message, details: '' };
  if (typeof error === 'string' && error) return { summary: error, details: '' };
  return { summary: messages.errorTitle, details: '' };
}

/** The error shown when a loaded report could not be drawn: what threw, in words, with the thrown error as its cause. */
export function drawError(error: unknown): AnalyticsError {
  const reason = error instanceof Error && error.message ? error.message : typeof error === 'string' && error ? error : 'unknown error';
  return new AnalyticsError('render_failed', `The report could not be shown: ${reason.replace(/\.$/u, '')}.`, { cause: error });
}
