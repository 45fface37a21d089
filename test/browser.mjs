/**
 * The one place that decides which Chromium every test tool launches (the
 * browser tests' runner, the end-to-end harness, the packaged-browser test).
 *
 * Order, unless `JT_BROWSER` says otherwise:
 * 1. `CHROME_PATH`, when set: that binary and nothing else (a wrong path is an
 *    error, not a silent fallback);
 * 2. a Chrome or Chromium installed on the system, at the usual places or on
 *    `PATH`;
 * 3. the Chromium that ships inside the `@sparticuz/chromium` dev dependency:
 *    its compressed binary is in the registry package itself, so `npm install`
 *    downloads nothing else; the first use unpacks it (a few seconds) into
 *    `node_modules/.cache/`.
 *
 * `JT_BROWSER=system` or `JT_BROWSER=packaged` forces one of the last two.
 *
 * Run it as a script (`node test/browser.mjs`) to resolve the browser, launch
 * it once and print which one the tests will use; it exits non-zero with one
 * message saying what it tried when none can be found or launched.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Flags every launch needs here: no sandbox as root, no GPU, no traffic to the browser vendor's servers. */
export const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];
const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

const PACKAGE = '@sparticuz/chromium';
const FIX = [
  'To fix it, do one of these:',
  `  - run \`npm install\` (it brings ${PACKAGE}, a Chromium inside an npm package);`,
  '  - point CHROME_PATH at a Chrome or Chromium binary: CHROME_PATH=/path/to/chromium npm test;',
  '  - install one system-wide (Debian or Ubuntu: apt-get install chromium).',
].join('\n');

/** The reason a browser could not be resolved or launched: one message, no stack worth reading. */
export class BrowserNotFoundError extends Error {
  constructor(tried) {
    super(`No Chromium for the tests could be found or launched. Tried:\n${tried.map((line) => `  - ${line}`).join('\n')}\n${FIX}`);
    this.name = 'BrowserNotFoundError';
    this.tried = tried;
  }
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function systemBrowser(tried) {
  const onPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean).flatMap((dir) => SYSTEM_NAMES.map((name) => join(dir, name)));
  for (const file of [...SYSTEM_PATHS, ...onPath]) if (isExecutable(file)) return file;
  tried.push(`a system Chrome or Chromium: none at ${SYSTEM_PATHS[0]} and the other usual places, nor on PATH`);
  return undefined;
}

/** Prints the binary's own version line; rejects when it does not run (a broken or half-unpacked binary). */
export function browserVersion(executablePath) {
  return new Promise((resolve, reject) => {
    execFile(executablePath, ['--version'], { timeout: 15_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout.trim())));
  });
}

async function unpackPackaged(cacheDir) {
  const { default: chromium } = await import(PACKAGE);
  // The package unpacks into os.tmpdir(), read once per file as unpacking starts:
  // point it at the project's cache so each version has a folder of its own.
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = cacheDir;
  let pending;
  try {
    pending = chromium.executablePath();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
  return pending;
}

async function packagedBrowser(tried) {
  let version;
  try {
    version = JSON.parse(readFileSync(join(ROOT, 'node_modules', PACKAGE, 'package.json'), 'utf8')).version;
  } catch {
    tried.push(`the packaged Chromium: ${PACKAGE} is not installed`);
    return undefined;
  }
  const cacheDir = join(ROOT, 'node_modules', '.cache', 'jetonomy-chromium', version);
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    try {
      mkdirSync(cacheDir, { recursive: true });
      const executablePath = await unpackPackaged(cacheDir);
      await browserVersion(executablePath);
      return executablePath;
    } catch (error) {
      // An interrupted earlier unpack leaves a file that exists but does not run: unpack again once.
      if (attempt === 2) {
        tried.push(`the packaged Chromium of ${PACKAGE}@${version}: ${String(error?.message ?? error).split('\n')[0]}`);
        return undefined;
      }
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }
  return undefined;
}

let resolved;

/**
 * The browser the tests use: `{ executablePath, origin, args }`, where origin
 * is `CHROME_PATH`, `system` or `packaged`. Resolved once per process.
 * Throws a BrowserNotFoundError saying what was tried.
 */
export function resolveBrowser() {
  resolved ??= (async () => {
    const tried = [];
    const choice = process.env.JT_BROWSER || 'auto';
    if (!['auto', 'system', 'packaged'].includes(choice)) {
      throw new BrowserNotFoundError([`JT_BROWSER=${choice}: it takes auto, system or packaged`]);
    }
    const fromEnv = process.env.CHROME_PATH;
    if (fromEnv && choice === 'auto') {
      if (isExecutable(fromEnv)) return { executablePath: fromEnv, origin: 'CHROME_PATH', args: BROWSER_ARGS };
      throw new BrowserNotFoundError([`CHROME_PATH=${fromEnv}: ${existsSync(fromEnv) ? 'not executable' : 'no such file'}`]);
    }
    if (choice !== 'packaged') {
      const executablePath = systemBrowser(tried);
      if (executablePath) return { executablePath, origin: 'system', args: BROWSER_ARGS };
    }
    if (choice !== 'system') {
      const executablePath = await packagedBrowser(tried);
      if (executablePath) return { executablePath, origin: 'packaged', args: BROWSER_ARGS };
    }
    throw new BrowserNotFoundError(tried);
  })();
  return resolved;
}

/**
 * For tools that cannot show a clean error themselves: resolves the browser,
 * or prints the one message, sets a failing exit code and stops the caller
 * with a short error that points at it.
 */
export async function resolveBrowserOrFail() {
  try {
    return await resolveBrowser();
  } catch (error) {
    if (!(error instanceof BrowserNotFoundError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
    throw new Error('No browser for the tests: see the message above.');
  }
}

/** Resolves, launches once (bounded) and prints which browser the tests use. */
async function check() {
  const started = Date.now();
  const browser = await resolveBrowserOrFail().catch(() => undefined);
  if (!browser) return;
  const { chromium } = await import('playwright-core');
  let launched;
  try {
    launched = await chromium.launch({ executablePath: browser.executablePath, args: browser.args, timeout: 30_000 });
    const version = launched.version();
    console.log(`Browser for the tests: Chromium ${version}, ${browser.origin} (${browser.executablePath}), ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(new BrowserNotFoundError([`${browser.origin} Chromium at ${browser.executablePath} did not launch: ${String(error?.message ?? error).split('\n')[0]}`]).message);
    process.exitCode = 1;
  } finally {
    await launched?.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await check();
