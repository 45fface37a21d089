import type { EngineHost } from './engine-host.js';
import type { EngineOperation, EngineRequest, EngineResponse, EngineTransport, SendOptions } from './protocol.js';

/**
 * The engine protocol to an engine in this thread, behind the same host class
 * the worker runs, so both give identical results. Used where no Worker
 * exists (Node) or when a source asks for `worker: false`. The host is
 * given, not built here, so code that only may need one can load it lazily.
 */
export class InProcessTransport implements EngineTransport {
  readonly kind = 'in-process' as const;

  constructor(private readonly host: EngineHost) {}

  send<K extends EngineOperation>(op: K, request: EngineRequest<K>, options: SendOptions<K>): Promise<EngineResponse<K>> {
    return this.host.call(0, options.callId, op, request, options.onProgress);
  }

  cancel(callId: number): void {
    this.host.cancel(callId);
  }

  close(): void {
    this.host.close(0);
  }
}
