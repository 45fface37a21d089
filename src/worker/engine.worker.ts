/// <reference lib="webworker" />
import { expose } from 'comlink';
import type { CommunityOptions } from '../generator/community.js';
import type { EngineOptions, EngineQuery } from '../engine/engine.js';
import type { CsvOptions } from '../engine/csv.js';
import type { TableId } from '../model/report.js';
import { EngineHost } from './engine-host.js';

/**
 * The module Web Worker: one EngineHost for every data source of the page.
 * `crash()` exists so tests (and the playground) can prove recovery.
 */
class WorkerHost extends EngineHost {
  crash(): void {
    setTimeout(() => {
      throw new Error('The analytics worker crashed on purpose.');
    }, 0);
  }

  // The benchmark drives this built script directly with the per-operation
  // calls the host had before the protocol; they forward to `call`, nothing more.
  create(sourceId: number, options: EngineOptions) {
    return this.call(sourceId, 0, 'create', options);
  }

  ingestCommunity(sourceId: number, community: CommunityOptions, onProgress?: (done: number) => void) {
    return this.call(sourceId, 0, 'ingestCommunity', { community }, onProgress);
  }

  report(sourceId: number, callId: number, query: EngineQuery) {
    return this.call(sourceId, callId, 'report', { query });
  }

  csv(sourceId: number, callId: number, table: TableId, query: EngineQuery, options?: CsvOptions) {
    return this.call(sourceId, callId, 'csv', { table, query, options });
  }
}

expose(new WorkerHost());
