import type { EngineHost } from './engine-host.js';
import type { EngineOperation, EngineRequest, EngineResponse, EngineTransport, SendOptions, WireError } from './protocol.js';

/** A host, or how to get one when the first call comes (a dynamic import, so bundles that never need it stay free of the engine). */
export type EngineHostSource = EngineHost | (() => Promise<EngineHost>);

const ABORTED: WireError = { code: 'aborted', message: 'The operation was aborted.' };

/**
 * The engine protocol to an engine in this thread, behind the same host class
 * the worker runs, so both give identical results. Used where no Worker
 * exists (Node) or when a source asks for `worker: false`. The host may be
 * given as a loader: it is then loaded on the first call, so a page whose
 * sources all run in the Worker never downloads the engine a second time.
 */
export class InProcessTransport implements EngineTransport {
  readonly kind = 'in-process' as const;
  private host: EngineHost | undefined;
  private readonly load: (() => Promise<EngineHost>) | undefined;
  private loading: Promise<EngineHost> | undefined;
  /** Calls cancelled while the host was still loading: they never start. */
  private readonly cancelledEarly = new Set<number>();
  private closed = false;

  constructor(host: EngineHostSource) {
    if (typeof host === 'function') this.load = host;
    else this.host = host;
  }

  /** The host, loaded on the first call; a load that failed (offline, a chunk gone after a deploy) is tried again on the next. */
  private hostReady(): Promise<EngineHost> {
    this.loading ??= this.load!().then(
      (loaded) => (this.host = loaded),
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  async send<K extends EngineOperation>(op: K, request: EngineRequest<K>, options: SendOptions<K>): Promise<EngineResponse<K>> {
    const host = this.host ?? (await this.hostReady());
    if (this.cancelledEarly.delete(options.callId)) throw ABORTED;
    return host.call(0, options.callId, op, request, options.onProgress);
  }

  cancel(callId: number): void {
    if (this.host) this.host.cancel(callId);
    else this.cancelledEarly.add(callId);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.host) this.host.close(0);
    else void this.loading?.then((host) => host.close(0), () => undefined);
  }
}
