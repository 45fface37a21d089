/// <reference lib="webworker" />
import { expose } from 'comlink';
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

}

expose(new WorkerHost());
