import type { SetupWorker } from 'msw/browser';
import type { AnalyticsDataSource } from '../src/data.js';
import type { FailureOptions } from '../src/mocks.js';
import type { FailureMode } from './settings.js';

/** The nonce the mock server checks, as WordPress would print it into the page. */
const NONCE = 'playground-nonce';

let worker: Promise<SetupWorker> | undefined;

/** The REST root of this page: `wp-json/` beside it, so the built site works under any path. */
export function restRoot(): string {
  return new URL('./wp-json/', location.href).href;
}

/**
 * Serves the analytics REST contract from `backing` through the Mock Service
 * Worker (requests really leave the page and come back through a service
 * worker), with the given latency and faults. Loaded only when REST mode is
 * chosen, so the in-memory playground never downloads MSW.
 */
export async function serveRest(backing: AnalyticsDataSource, latencyMs: number, failures: FailureMode): Promise<void> {
  const [{ createAnalyticsHandlers }, mock] = await Promise.all([import('../src/mocks.js'), startWorker()]);
  const handlers = createAnalyticsHandlers({ source: backing, root: restRoot(), nonce: NONCE, latencyMs, failures: faultOptions(failures) });
  mock.resetHandlers(...handlers);
}

/** A RestDataSource exactly as a WordPress page would make it, pointed at the mock server. */
export async function restSource(timeZone: string): Promise<AnalyticsDataSource> {
  const { RestDataSource } = await import('../src/sources/rest-data-source.js');
  return new RestDataSource({ root: restRoot(), nonce: NONCE, timeZone });
}

function faultOptions(mode: FailureMode): FailureOptions | undefined {
  if (mode === 'once') return { times: 1, status: 500 };
  if (mode === 'always') return { status: 500 };
  return undefined;
}

function startWorker(): Promise<SetupWorker> {
  worker ??= (async () => {
    if (!('serviceWorker' in navigator)) {
      throw new Error('REST mode needs service workers, which this browser or page (not served over HTTPS or localhost?) does not offer.');
    }
    const { setupWorker } = await import('msw/browser');
    const mock = setupWorker();
    await mock.start({ serviceWorker: { url: new URL('./mockServiceWorker.js', location.href).pathname }, quiet: true, onUnhandledRequest: 'bypass' });
    return mock;
  })().catch((error: unknown) => {
    worker = undefined;
    throw error;
  });
  return worker;
}
