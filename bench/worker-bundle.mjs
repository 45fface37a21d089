/**
 * Runs the package's own built Web Worker script (the file Vite emits for the
 * browser: comlink + EngineHost) inside a Node worker thread. The script
 * talks to `globalThis` as a Web Worker does, so the thread's parent port is
 * put there under the Web Worker names first.
 *
 * For the overhead figures, each reply carries `benchTiming`: when the call
 * arrived, when the host's `setTimeout(0)` yield (the point where a cancel
 * can still win) fired and work began, and when the reply was posted.
 */
import { parentPort, workerData } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';

const endpoint = nodeEndpoint(parentPort);
let current = null;

const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = (callback, delay, ...rest) => {
  const call = current;
  if (!call || call.started !== undefined || delay > 0) return realSetTimeout(callback, delay, ...rest);
  return realSetTimeout(() => {
    call.started = performance.now();
    callback(...rest);
  }, delay);
};

globalThis.addEventListener = (type, handler) =>
  endpoint.addEventListener(type, (event) => {
    current = { arrived: performance.now() };
    return typeof handler === 'function' ? handler(event) : handler.handleEvent(event);
  });
globalThis.removeEventListener = endpoint.removeEventListener;
globalThis.postMessage = (message, transfer) => {
  if (current && message && message.id !== undefined) {
    const posted = performance.now();
    const started = current.started ?? current.arrived;
    message.benchTiming = { yieldMs: started - current.arrived, computeMs: posted - started, spanMs: posted - current.arrived };
    current = null;
  }
  endpoint.postMessage(message, transfer);
};

await import(workerData.bundleUrl);
