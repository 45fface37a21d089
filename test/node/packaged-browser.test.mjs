// The Chromium inside the @sparticuz/chromium dev dependency, forced whatever
// else the machine has: it unpacks, launches, and runs what the browser tests
// and the dashboard need (a page, a module Worker, a Blob worker, IndexedDB,
// time zones). So every `npm test` proves the browser that comes with
// `npm install` works, even where a system Chromium serves the other suites.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';

process.env.JT_BROWSER = 'packaged';
const { resolveBrowser } = await import('../browser.mjs');

const PAGE = `<!doctype html><meta charset="utf-8"><title>packaged browser</title>
<script type="module">
  const ask = (worker, message) => new Promise((resolve, reject) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message || 'worker error'));
    worker.postMessage(message);
  });
  const moduleWorker = new Worker('/worker.js', { type: 'module' });
  const blobWorker = new Worker(URL.createObjectURL(new Blob(['onmessage = (e) => postMessage(e.data * 2)'], { type: 'text/javascript' })));
  const stored = await new Promise((resolve, reject) => {
    const open = indexedDB.open('probe', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('kv');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('kv', 'readwrite');
      tx.objectStore('kv').put({ posts: 3 }, 'report');
      const read = tx.objectStore('kv').get('report');
      tx.oncomplete = () => resolve(read.result);
    };
  });
  window.probe = {
    fromModuleWorker: await ask(moduleWorker, Date.UTC(2026, 2, 29, 0, 30)),
    fromBlobWorker: await ask(blobWorker, 21),
    stored,
  };
</script>`;

// A module worker that imports a module: the engine worker's shape.
const WORKER = `import { localDate } from '/zone.js'; onmessage = (event) => postMessage(localDate(event.data));`;
// 2026-03-29 00:30 UTC is 01:30 in Berlin (before its switch to summer time), 13:30 in Auckland, 06:00 in Kolkata.
const ZONE = `export const localDate = (ms) => ['Europe/Berlin', 'Pacific/Auckland', 'Asia/Kolkata'].map((timeZone) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms));`;

const FILES = { '/': ['text/html', PAGE], '/worker.js': ['text/javascript', WORKER], '/zone.js': ['text/javascript', ZONE] };

describe('the packaged Chromium', () => {
  let server;
  let origin;
  before(async () => {
    server = createServer((request, response) => {
      const file = FILES[request.url];
      response.writeHead(file ? 200 : 404, { 'content-type': file ? file[0] : 'text/plain' });
      response.end(file ? file[1] : 'not found');
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${server.address().port}`;
  });
  after(() => server?.close());

  it('unpacks from the dev dependency, launches and runs a page with workers, IndexedDB and time zones', { timeout: 90_000 }, async () => {
    const resolved = await resolveBrowser();
    assert.equal(resolved.origin, 'packaged');
    assert.match(resolved.executablePath, /node_modules\/\.cache\/jetonomy-chromium\//);

    const browser = await chromium.launch({ executablePath: resolved.executablePath, args: resolved.args, timeout: 30_000 });
    try {
      assert.match(browser.version(), /^\d+\./);
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${origin}/`);
      const probe = await page.waitForFunction(() => window.probe, undefined, { timeout: 20_000 }).then((handle) => handle.jsonValue());
      assert.deepEqual(errors, []);
      assert.deepEqual(probe.fromModuleWorker, ['2026-03-29, 01:30', '2026-03-29, 13:30', '2026-03-29, 06:00']);
      assert.equal(probe.fromBlobWorker, 42);
      assert.deepEqual(probe.stored, { posts: 3 });
    } finally {
      await browser.close();
    }
  });
});
