/**
 * Runs the package's own built Web Worker script (the file Vite emits for the
 * browser: comlink + EngineHost) inside a Node worker thread. The script
 * talks to `globalThis` as a Web Worker does, so the thread's parent port is
 * put there under the Web Worker names first.
 *
 * For the overhead figures, each reply carries `benchTiming`: when the call
 * arrived, when the host's yield before computing (the point where a cancel
 * can still win: a MessageChannel hop, or `setTimeout(0)` where there is no
 * MessageChannel) ended and work began, and when the reply was posted.
 *
 * A worker the script starts itself (`new Worker(url, { type: 'module' })`:
 * the community generator's) is another thread running this same file with
 * that script, so it meets the same globals.
 */
import { parentPort, Worker as NodeWorker, workerData } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';

const endpoint = nodeEndpoint(parentPort);
let current = null;

const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = (callback, delay, ...rest) => {
  const call = current;
  if (!call || call.started !== undefined || delay > 0) return realSetTimeout(callback, delay, ...rest);
  return realSetTimeout(() => {
    if (call.started === undefined) call.started = performance.now();
    callback(...rest);
  }, delay);
};

/** The first yield of the current call ends: its work begins. */
const started = () => {
  if (current && current.started === undefined) current.started = performance.now();
};

// The host yields through a MessageChannel of its own (port1.onmessage): note when that message arrives.
const RealMessageChannel = globalThis.MessageChannel;
let onmessage = null;
for (let p = globalThis.MessagePort?.prototype; p && !onmessage; p = Object.getPrototypeOf(p)) onmessage = Object.getOwnPropertyDescriptor(p, 'onmessage') ?? null;
if (RealMessageChannel && onmessage?.set) {
  globalThis.MessageChannel = class extends RealMessageChannel {
    constructor() {
      super();
      const port = this.port1;
      Object.defineProperty(port, 'onmessage', {
        configurable: true,
        get: () => onmessage.get.call(port),
        set: (handler) =>
          onmessage.set.call(
            port,
            typeof handler === 'function'
              ? (event) => {
                  started();
                  return handler.call(port, event);
                }
              : handler,
          ),
      });
    }
  };
}

globalThis.addEventListener = (type, handler) =>
  endpoint.addEventListener(type, (event) => {
    current = { arrived: performance.now() };
    return typeof handler === 'function' ? handler(event) : handler.handleEvent(event);
  });
globalThis.removeEventListener = endpoint.removeEventListener;
globalThis.postMessage = (message, transfer) => {
  if (current && message && message.id !== undefined) {
    const posted = performance.now();
    const began = current.started ?? current.arrived;
    message.benchTiming = { yieldMs: began - current.arrived, computeMs: posted - began, spanMs: posted - current.arrived };
    current = null;
  }
  endpoint.postMessage(message, transfer);
};

/**
 * `Worker` as a module Web Worker offers it, over a Node worker thread: the
 * events are `message` (with `data`), `error` (an uncaught error, or a
 * thread that stopped on its own) and `messageerror`, both as listeners and
 * as `on<type>` properties.
 */
class ThreadWorker extends EventTarget {
  onmessage = null;
  onerror = null;
  onmessageerror = null;

  constructor(url, options = {}) {
    super();
    if (options.type !== 'module') throw new TypeError('Only module workers run here');
    this.ended = false;
    this.thread = new NodeWorker(new URL(import.meta.url), { workerData: { bundleUrl: new URL(String(url)).href } });
    this.thread.on('message', (data) => this.emit(new MessageEvent('message', { data })));
    this.thread.on('messageerror', (error) => this.emit(Object.assign(new Event('messageerror'), { error })));
    this.thread.on('error', (error) => {
      this.ended = true;
      this.emit(Object.assign(new Event('error', { cancelable: true }), { error, message: String(error?.message ?? error) }));
    });
    this.thread.on('exit', (code) => {
      if (!this.ended) this.emit(Object.assign(new Event('error', { cancelable: true }), { message: `the worker stopped (exit code ${code})` }));
    });
  }

  postMessage(message, transfer) {
    this.thread.postMessage(message, Array.isArray(transfer) ? transfer : transfer?.transfer);
  }

  terminate() {
    this.ended = true;
    void this.thread.terminate();
  }

  emit(event) {
    const handler = this[`on${event.type}`];
    if (typeof handler === 'function') handler.call(this, event);
    this.dispatchEvent(event);
  }
}
globalThis.Worker = ThreadWorker;

await import(workerData.bundleUrl);
