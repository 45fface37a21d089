import { AnalyticsError } from '../model/errors.js';
import type { Messages } from './i18n.js';

/** A superseded or cancelled request: never shown to the user. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** What to tell the user about a failed load: access problems in plain words, otherwise the error's own message. */
export function errorMessage(error: unknown, messages: Messages): string {
  if (error instanceof AnalyticsError && (error.status === 401 || error.status === 403)) return messages.forbidden;
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return messages.errorTitle;
}

/** The error shown when a loaded report could not be drawn: what threw, in words, with the thrown error as its cause. */
export function drawError(error: unknown): AnalyticsError {
  const reason = error instanceof Error && error.message ? error.message : typeof error === 'string' && error ? error : 'unknown error';
  return new AnalyticsError('render_failed', `The report could not be shown: ${reason.replace(/\.$/u, '')}.`, { cause: error });
}
