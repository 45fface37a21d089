import type { EngineOptions } from '../engine/engine.js';
import { abortError } from '../model/errors.js';
import {
  fromWire,
  type EngineOperation,
  type EngineProgress,
  type EngineRequest,
  type EngineResponse,
  type EngineTransport,
} from './protocol.js';

export interface CallOptions<K extends EngineOperation> {
  /** Aborting rejects the call at once with an AbortError; a call not yet started in the engine never starts. */
  signal?: AbortSignal;
  /** Called with each progress report of an operation that makes them. */
  onProgress?: (progress: EngineProgress<K>) => void;
  /** The request's typed arrays may be moved to the engine, not copied: the caller does not use them again. */
  transfer?: boolean;
}

/** Call ids are unique on the page, so sources sharing one worker never cancel each other's calls. */
let lastCallId = 0;

/**
 * A data source's end of the engine protocol, over one transport. Every
 * call goes through `call`, the one place where aborts are handled and errors
 * that crossed the boundary become `AnalyticsError`s.
 */
export class EngineClient {
  /** Settles once the engine exists (at once for a client that asks for no engine). */
  private ready: Promise<void>;

  /** With `options`, starts a source's engine; without, the client only asks operations that need none (`csvFromRows`). */
  constructor(
    private readonly transport: EngineTransport,
    private readonly options?: EngineOptions,
  ) {
    this.ready = options === undefined ? Promise.resolve() : this.create(options);
  }

  private create(options: EngineOptions): Promise<void> {
    const created = this.send('create', options, ++lastCallId, {});
    // A bad option surfaces on the first call; keep it from being reported as unhandled meanwhile.
    created.catch(() => undefined);
    return created;
  }

  /**
   * The engine, once it exists. A creation that failed because the worker
   * died or stopped answering is tried again (the next call's own error
   * then tells what happened); one refused for its options stays refused.
   */
  private engineReady(): Promise<void> {
    const current = this.ready;
    return current.catch((error: unknown) => {
      const code = (error as { code?: unknown } | null)?.code;
      if (this.options === undefined || (code !== 'worker_timeout' && code !== 'worker_crashed')) throw error;
      if (this.ready === current) this.ready = this.create(this.options);
      return this.ready;
    });
  }

  /** Where the engine runs: `worker` or `in-process`. */
  get kind(): EngineTransport['kind'] {
    return this.transport.kind;
  }

  /**
   * Asks the engine one operation. An aborted signal rejects at once with
   * its reason (an AbortError by default), as fetch does, and tells the
   * engine; a call the engine has not started yet then never runs.
   */
  async call<K extends EngineOperation>(op: K, request: EngineRequest<K>, options: CallOptions<K> = {}): Promise<EngineResponse<K>> {
    const { signal } = options;
    if (signal?.aborted) throw abortError(signal);
    const callId = ++lastCallId;
    if (!signal) {
      await this.engineReady();
      return this.send(op, request, callId, options);
    }
    let sent = false;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        if (sent) this.transport.cancel(callId);
        reject(abortError(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([this.engineReady(), aborted]);
      sent = true;
      return await Promise.race([this.send(op, request, callId, options), aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort!);
    }
  }

  /** Frees the engine; later calls reject with `source_closed`. */
  close(): void {
    this.transport.close();
  }

  private async send<K extends EngineOperation>(op: K, request: EngineRequest<K>, callId: number, options: CallOptions<K>): Promise<EngineResponse<K>> {
    try {
      return await this.transport.send(op, request, { callId, onProgress: options.onProgress, transfer: options.transfer });
    } catch (error) {
      throw fromWire(error);
    }
  }
}
