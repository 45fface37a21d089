/**
 * A local, real WordPress with the plugin active: MariaDB and PHP's built-in
 * server as plain processes on 127.0.0.1 (no systemd, no Apache), everything
 * they keep in one data folder (`.wordpress/dev` by default).
 *
 * `startWordPress(options)` installs what is missing and starts what is not
 * running; a second call finds the instance up and only reports it.
 * `stopWordPress` stops its processes by PID, `resetWordPress` also deletes
 * the data. The test suite starts its own instance with another `port` and
 * `dataDir`.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, openSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureAssets } from './assets.mjs';
import { appPasswordFetch } from './client.mjs';
import { hasEventsRoute, loadCommunity } from './community.mjs';
import { RunnerError, findBinary, groupMembers, isOurProcess, isRoot, readPid, run, runAttached, sleep, stopGroup, stopProcess } from './processes.mjs';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const DEV_DIR = join(ROOT, 'wordpress', 'dev');
const PLUGIN_DIR = join(ROOT, 'wordpress', 'jetonomy-analytics');
/** Where Debian's `wordpress` package puts WordPress, and the settings file its wp-config.php reads for 127.0.0.1. */
const WP_CORE = '/usr/share/wordpress';
const CONFIG_SHIM = '/etc/wordpress/config-127.0.0.1.php';
const SHIM_MARK = 'jetonomy-analytics development runner';

export const DEFAULTS = Object.freeze({
  port: 8881,
  dataDir: join(ROOT, '.wordpress', 'dev'),
  events: 100_000,
  seed: 1,
  workers: 4,
  batchSize: 5000,
  user: 'admin',
});

export const PACKAGES = ['wordpress', 'php-cli', 'php-mysql', 'mariadb-server'];
export const INSTALL_COMMAND = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${PACKAGES.join(' ')}`;

/** The files of one instance, all under its data folder (the socket elsewhere only when the path is too long for one). */
function layout(dataDir) {
  const dir = resolve(dataDir);
  const run = join(dir, 'run');
  let socket = join(run, 'mysqld.sock');
  // A Unix socket path holds at most 107 bytes.
  if (Buffer.byteLength(socket) > 100) socket = join(tmpdir(), `jetonomy-analytics-${createHash('sha256').update(dir).digest('hex').slice(0, 12)}.sock`);
  return {
    dir,
    state: join(dir, 'state.json'),
    mysqlData: join(dir, 'mysql'),
    run,
    socket,
    mariadbPid: join(run, 'mariadbd.pid'),
    phpPid: join(run, 'php-server.pid'),
    logs: join(dir, 'logs'),
    config: join(dir, 'wp-config-local.php'),
    content: join(dir, 'wp-content'),
  };
}

function readState(paths) {
  try {
    return JSON.parse(readFileSync(paths.state, 'utf8'));
  } catch {
    return undefined;
  }
}

function writeState(paths, state) {
  writeFileSync(paths.state, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

const secret = (bytes = 12) => randomBytes(bytes).toString('base64url').replace(/[-_]/g, 'x');
const phpString = (value) => `'${String(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The tools the runner needs, by the Debian package that brings each. */
async function missingPackages() {
  const missing = [];
  if (!existsSync(join(WP_CORE, 'wp-load.php'))) missing.push('wordpress');
  const php = findBinary('php');
  if (!php) missing.push('php-cli');
  else {
    const mysqli = await run(php, ['-r', 'exit(extension_loaded("mysqli") ? 0 : 1);']).then(
      () => true,
      () => false,
    );
    if (!mysqli) missing.push('php-mysql');
  }
  if (!findBinary('mariadbd', 'mysqld') || !findBinary('mariadb-install-db', 'mysql_install_db') || !findBinary('mariadb', 'mysql')) missing.push('mariadb-server');
  return missing;
}

async function ensurePackages(log) {
  const missing = await missingPackages();
  if (missing.length === 0) return 'present';
  if (!isRoot || !findBinary('apt-get')) {
    throw new RunnerError(
      `The local WordPress needs Debian packages that are missing here (${missing.join(', ')}). Install them as root:\n  ${INSTALL_COMMAND}\nthen run this again.`,
    );
  }
  log(`  installing ${PACKAGES.join(' ')} (missing: ${missing.join(', ')}) …`);
  await runAttached('apt-get', ['update']);
  await runAttached('apt-get', ['install', '-y', '--no-install-recommends', ...PACKAGES], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const still = await missingPackages();
  if (still.length > 0) throw new RunnerError(`apt-get finished but ${still.join(', ')} is still missing`);
  return 'installed';
}

/** Debian's wp-config.php reads /etc/wordpress/config-127.0.0.1.php for every port: ours picks the instance by environment. */
function ensureConfigShim() {
  const wanted = readFileSync(join(DEV_DIR, 'config-shim.php'), 'utf8');
  let current;
  try {
    current = readFileSync(CONFIG_SHIM, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === wanted) return;
  if (current !== undefined && !current.includes(SHIM_MARK)) {
    throw new RunnerError(`${CONFIG_SHIM} exists and was not written by this runner: move it away (it would configure every WordPress served on 127.0.0.1), then run this again.`);
  }
  try {
    mkdirSync(dirname(CONFIG_SHIM), { recursive: true });
    writeFileSync(CONFIG_SHIM, wanted);
  } catch (error) {
    throw new RunnerError(
      `Cannot write ${CONFIG_SHIM} (${error.code}): Debian's WordPress reads its settings from there. As root, run:\n  install -m 644 ${join(DEV_DIR, 'config-shim.php')} ${CONFIG_SHIM}`,
    );
  }
}

function writeWpConfig(paths, state) {
  const url = state.url;
  const salts = Object.entries(state.salts)
    .map(([name, value]) => `define( '${name}', ${phpString(value)} );`)
    .join('\n');
  const text = `<?php
// Written by wordpress/dev (npm run wordpress) for the site at ${url}; rewritten on every start.
define( 'DB_NAME', ${phpString(state.db.name)} );
define( 'DB_USER', ${phpString(state.db.user)} );
define( 'DB_PASSWORD', ${phpString(state.db.password)} );
define( 'DB_HOST', ${phpString(`localhost:${paths.socket}`)} );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'WP_HOME', ${phpString(url)} );
define( 'WP_SITEURL', ${phpString(url)} );
define( 'WP_CONTENT_DIR', ${phpString(paths.content)} );
define( 'WP_CONTENT_URL', ${phpString(`${url}/wp-content`)} );
// A local site: application passwords work over http, and nothing is fetched from outside.
define( 'WP_ENVIRONMENT_TYPE', 'local' );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_AUTO_UPDATE_CORE', false );
define( 'FS_METHOD', 'direct' );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', ${phpString(join(paths.logs, 'wordpress-debug.log'))} );
${salts}
$table_prefix = 'wp_';
`;
  writeFileSync(paths.config, text, { mode: 0o600 });
}

/** The instance's wp-content: the plugin and the site's mu-plugin are links into the working tree. */
function ensureContentDir(paths) {
  for (const sub of ['plugins', 'mu-plugins', 'themes', 'uploads', 'languages']) mkdirSync(join(paths.content, sub), { recursive: true });
  const link = (target, path) => {
    try {
      if (lstatSync(path).isSymbolicLink() && readlinkSync(path) === target) return;
      rmSync(path, { recursive: true, force: true });
    } catch {
      // not there yet
    }
    symlinkSync(target, path);
  };
  link(PLUGIN_DIR, join(paths.content, 'plugins', 'jetonomy-analytics'));
  link(join(DEV_DIR, 'mu-plugin.php'), join(paths.content, 'mu-plugins', 'jetonomy-analytics-dev.php'));
}

function mariadbBinaries() {
  return {
    server: findBinary('mariadbd', 'mysqld'),
    installDb: findBinary('mariadb-install-db', 'mysql_install_db'),
    admin: findBinary('mariadb-admin', 'mysqladmin'),
    client: findBinary('mariadb', 'mysql'),
  };
}

const mariadbMarks = (paths) => [`--datadir=${paths.mysqlData}`];
const phpMarks = (port) => ['-S', `127.0.0.1:${port}`];

function mariadbRunning(paths) {
  return isOurProcess(readPid(paths.mariadbPid), mariadbMarks(paths));
}

function phpRunning(paths, port) {
  return isOurProcess(readPid(paths.phpPid), phpMarks(port));
}

async function initDatabaseDir(paths) {
  const { installDb } = mariadbBinaries();
  const args = ['--no-defaults', `--datadir=${paths.mysqlData}`, '--auth-root-authentication-method=socket', '--skip-test-db'];
  // Socket authentication lets the OS user who runs this in as MariaDB's root.
  args.push(isRoot ? '--user=root' : `--auth-root-socket-user=${userInfo().username}`);
  await run(installDb, args, { timeoutMs: 120_000 });
}

async function startMariadb(paths) {
  const { server, admin } = mariadbBinaries();
  const log = openSync(join(paths.logs, 'mariadb.log'), 'a');
  rmSync(paths.mariadbPid, { force: true });
  const child = spawn(
    server,
    [
      '--no-defaults',
      ...(isRoot ? ['--user=root'] : []),
      `--datadir=${paths.mysqlData}`,
      `--socket=${paths.socket}`,
      `--pid-file=${paths.mariadbPid}`,
      '--skip-networking',
      `--log-error=${join(paths.logs, 'mariadb.log')}`,
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      // A development database: fewer syncs to disk, and a buffer pool that
      // holds the analytics tables of a large community (about 330 MB at
      // 1 M events; with 256 MB an ingest at that size read pages back from
      // disk in every batch), as a site's database server would be sized.
      '--innodb-flush-log-at-trx-commit=2',
      '--innodb-buffer-pool-size=1G',
    ],
    { detached: true, stdio: ['ignore', log, log] },
  );
  child.unref();
  let exited;
  child.once('exit', (code, signal) => {
    exited = signal ?? `exit code ${code}`;
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new RunnerError(`MariaDB stopped at once (${exited}); see ${join(paths.logs, 'mariadb.log')}`);
    const alive = await run(admin, ['--no-defaults', `--socket=${paths.socket}`, '-u', 'root', 'ping'], { timeoutMs: 5000 }).then(
      () => true,
      () => false,
    );
    if (alive && readPid(paths.mariadbPid)) return;
    if (Date.now() > deadline) throw new RunnerError(`MariaDB did not answer within 30 s; see ${join(paths.logs, 'mariadb.log')}`);
    await sleep(100);
  }
}

async function createDatabase(paths, db) {
  const { client } = mariadbBinaries();
  const quote = (value) => `'${String(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const sql = [
    `CREATE DATABASE IF NOT EXISTS \`${db.name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;`,
    `CREATE USER IF NOT EXISTS ${quote(db.user)}@'localhost' IDENTIFIED BY ${quote(db.password)};`,
    `ALTER USER ${quote(db.user)}@'localhost' IDENTIFIED BY ${quote(db.password)};`,
    `GRANT ALL PRIVILEGES ON \`${db.name}\`.* TO ${quote(db.user)}@'localhost';`,
  ].join('\n');
  await run(client, ['--no-defaults', `--socket=${paths.socket}`, '-u', 'root'], { input: sql });
}

function portIsFree(port) {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}

function phpEnv(paths) {
  return { ...process.env, JETONOMY_ANALYTICS_WP_CONFIG: paths.config, JETONOMY_ANALYTICS_WP_CONTENT: paths.content };
}

async function startPhpServer(paths, port, workers) {
  if (!(await portIsFree(port))) throw new RunnerError(`Port ${port} on 127.0.0.1 is taken by another program: choose another with --port.`);
  const log = openSync(join(paths.logs, 'php-server.log'), 'a');
  const child = spawn(
    findBinary('php'),
    [
      '-S',
      `127.0.0.1:${port}`,
      '-t',
      WP_CORE,
      '-d',
      'display_errors=0',
      '-d',
      'log_errors=1',
      '-d',
      `error_log=${join(paths.logs, 'php-errors.log')}`,
      '-d',
      'memory_limit=1G',
      '-d',
      'post_max_size=64M',
      // As on any production WordPress: compiled scripts stay in memory (the CLI, which PHP's server is, has OPcache off by default).
      '-d',
      'opcache.enable_cli=1',
      join(DEV_DIR, 'router.php'),
    ],
    // Its own process group: the workers PHP_CLI_SERVER_WORKERS forks outlive the parent, so they are stopped as a group.
    { detached: true, stdio: ['ignore', log, log], env: { ...phpEnv(paths), PHP_CLI_SERVER_WORKERS: String(workers) } },
  );
  child.unref();
  writeFileSync(paths.phpPid, `${child.pid}\n`);
  let exited;
  child.once('exit', (code, signal) => {
    exited = signal ?? `exit code ${code}`;
  });
  const probe = `http://127.0.0.1:${port}/wp-includes/images/blank.gif`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (exited) throw new RunnerError(`PHP's web server stopped at once (${exited}); see ${join(paths.logs, 'php-server.log')}`);
    const ok = await fetch(probe, { signal: AbortSignal.timeout(2000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new RunnerError(`PHP's web server did not answer on 127.0.0.1:${port} within 15 s; see ${join(paths.logs, 'php-server.log')}`);
    await sleep(50);
  }
}

/** Runs wordpress/dev/setup.php in the instance's settings; returns its JSON result. */
function setup(paths, mode, args) {
  return devScript(paths, 'setup.php', mode, args);
}

/**
 * Runs a PHP script of wordpress/dev (setup.php, bench.php) in the instance's
 * settings, its arguments as JSON in JETONOMY_ANALYTICS_SETUP; returns the
 * JSON result line it prints.
 */
async function devScript(paths, script, mode, args, { timeoutMs = 120_000 } = {}) {
  const { stdout } = await run(findBinary('php'), ['-d', 'display_errors=stderr', '-d', 'memory_limit=1G', join(DEV_DIR, script), mode], {
    env: { ...phpEnv(paths), JETONOMY_ANALYTICS_SETUP: JSON.stringify({ abspath: WP_CORE, ...args }) },
    timeoutMs,
  });
  const line = stdout.split('\n').find((text) => text.startsWith('JETONOMY_ANALYTICS_SETUP_RESULT '));
  if (!line) throw new RunnerError(`wordpress/dev/${script} ${mode} printed no result:\n${stdout.slice(-2000)}`);
  const result = JSON.parse(line.slice('JETONOMY_ANALYTICS_SETUP_RESULT '.length));
  if (result.error) throw new RunnerError(result.error);
  return result;
}

/** Runs `fn` as one timed step, printing its name and how long it took. */
function stepper(log, timings) {
  return async (name, fn) => {
    const started = performance.now();
    const result = await fn();
    const seconds = (performance.now() - started) / 1000;
    timings.push({ step: name, seconds });
    log(`  ${name.padEnd(42)} ${seconds.toFixed(2).padStart(6)} s`);
    return result;
  };
}

function info(paths, state, extra) {
  const url = state.url;
  return {
    url,
    adminUrl: `${url}/wp-admin/`,
    analyticsUrl: `${url}/wp-admin/admin.php?page=jetonomy-analytics`,
    restRoot: `${url}/wp-json/`,
    port: state.port,
    user: state.user,
    password: state.password,
    appPassword: state.appPassword?.password,
    dataDir: paths.dir,
    logs: paths.logs,
    timeZone: state.timeZone,
    plugin: state.plugin,
    /** The WordPress version the site runs. */
    wordpress: state.wordpress,
    community: state.community ?? null,
    /** A fetch authenticated as the administrator with the application password; relative URLs resolve against the REST root. */
    fetch: appPasswordFetch({ user: state.user, appPassword: state.appPassword?.password }, `${url}/wp-json/`),
    stop: () => stopWordPress({ dataDir: paths.dir }),
    /** Runs a PHP script of wordpress/dev in this site's settings (as bench.php is run); resolves to its JSON result. */
    php: (script, mode, args = {}, options) => devScript(paths, script, mode, { port: state.port, ...args }, options),
    ...extra,
  };
}

/**
 * Starts (installing first where needed) a local WordPress with the plugin active.
 *
 * Options: `port` (8881), `dataDir` (`.wordpress/dev`), `events` (community
 * size, 100 000), `seed` (1), `community` (more `communityEvents` options,
 * e.g. `end`, `days`), `data` (false: load no community), `timeZone` (IANA
 * name or ±HH:MM), `workers` (4), `batchSize` (5000), `log` (a function
 * taking a line; default console.log).
 *
 * Resolves to `{ url, adminUrl, analyticsUrl, restRoot, port, user,
 * password, appPassword, dataDir, logs, timeZone, plugin, community, fetch,
 * stop(), timings, started }`.
 */
export async function startWordPress(options = {}) {
  const port = Number(options.port ?? DEFAULTS.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RunnerError(`--port must be a port number, not ${options.port}`);
  const paths = layout(options.dataDir ?? DEFAULTS.dataDir);
  const log = options.log ?? ((line) => console.log(line));
  const timings = [];
  const step = stepper(log, timings);
  const wantData = options.data !== false;
  const events = Number(options.events ?? DEFAULTS.events);
  if (wantData && !(Number.isFinite(events) && events >= 1)) throw new RunnerError(`--events must be a positive number, not ${options.events}`);

  let state = readState(paths);
  if (state && state.port !== port && phpRunning(paths, state.port)) {
    throw new RunnerError(`This WordPress is already running on port ${state.port}: stop it first (npm run wordpress:stop) to move it to ${port}.`);
  }

  const up = state?.installed && mariadbRunning(paths) && phpRunning(paths, port);
  if (!up) await step('check packages', () => ensurePackages(log));
  const assets = await step('build the dashboard bundle', () => ensureAssets({ root: ROOT, pluginDir: PLUGIN_DIR }));
  if (assets.built.length > 0 || assets.copied) log(`    ${[...assets.built.map((what) => `built ${what}`), ...(assets.copied ? ['copied it to the plugin'] : [])].join(', ')}`);

  if (!up) {
    mkdirSync(paths.run, { recursive: true });
    mkdirSync(paths.logs, { recursive: true });
    state ??= {
      version: 1,
      user: DEFAULTS.user,
      password: secret(),
      email: 'admin@example.com',
      db: { name: 'wordpress', user: 'wordpress', password: secret() },
      salts: Object.fromEntries(
        ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'].map((name) => [name, secret(32)]),
      ),
      installed: false,
      community: null,
    };
    state.port = port;
    state.url = `http://127.0.0.1:${port}`;
    writeState(paths, state);

    await step('configure Debian WordPress for 127.0.0.1', () => {
      ensureConfigShim();
      writeWpConfig(paths, state);
      ensureContentDir(paths);
    });
    if (!existsSync(join(paths.mysqlData, 'mysql'))) {
      rmSync(paths.mysqlData, { recursive: true, force: true });
      await step('create the MariaDB data folder', () => initDatabaseDir(paths));
      state.database = false;
    }
    if (!mariadbRunning(paths)) await step('start MariaDB', () => startMariadb(paths));
    if (!state.database) {
      await step('create the database and its user', () => createDatabase(paths, state.db));
      state.database = true;
      writeState(paths, state);
    }
    if (!state.installed) {
      await step('install WordPress', () => setup(paths, 'install', { port, user: state.user, password: state.password, email: state.email }));
      state.installed = true;
      writeState(paths, state);
    }
  }

  if (!up || state.plugin !== 'active' || options.timeZone !== undefined) {
    const configured = await step('configure the site, activate the plugin', () =>
      setup(paths, 'configure', { port, url: state.url, user: state.user, appPasswordUuid: state.appPassword?.uuid ?? '', timeZone: options.timeZone }),
    );
    state.plugin = configured.plugin === 'missing' ? 'missing' : 'active';
    state.timeZone = configured.timeZone;
    state.wordpress = configured.wordpress;
    if (configured.appPassword) state.appPassword = configured.appPassword;
    writeState(paths, state);
    if (state.plugin === 'missing') log(`    the plugin is not there yet (${relative(ROOT, join(PLUGIN_DIR, 'jetonomy-analytics.php'))})`);
  }

  if (!phpRunning(paths, port)) await step(`start PHP's web server (${options.workers ?? DEFAULTS.workers} workers)`, () => startPhpServer(paths, port, options.workers ?? DEFAULTS.workers));

  const instance = info(paths, state, { timings, started: !up });
  if (wantData && !state.community && state.plugin === 'active') {
    if (!(await hasEventsRoute({ restRoot: instance.restRoot, fetch: instance.fetch }))) {
      log('    no community loaded: the plugin has no batch route yet (POST jetonomy/v1/analytics/events)');
    } else {
      const community = { seed: options.seed ?? DEFAULTS.seed, events, end: Date.now(), ...options.community };
      const totals = await step(`load a community of ${events.toLocaleString('en-US')} events`, () =>
        loadCommunity({ restRoot: instance.restRoot, fetch: instance.fetch, generator: assets.generator, community, batchSize: options.batchSize ?? DEFAULTS.batchSize, log }),
      );
      log(
        `    ${totals.events.toLocaleString('en-US')} events in ${totals.batches} batches: ${totals.applied.toLocaleString('en-US')} applied, ${totals.duplicates.toLocaleString('en-US')} duplicates, ${totals.held} held (${totals.released} released later), ${totals.rejected} rejected; ${Math.round(totals.events / totals.seconds).toLocaleString('en-US')} events/s`,
      );
      for (const sample of totals.rejectedSamples) log(`    rejected #${sample.index}${sample.id ? ` (${sample.id})` : ''}: ${sample.reason}`);
      state.community = { ...community, ...totals, rejectedSamples: undefined, loadedAt: new Date().toISOString() };
      writeState(paths, state);
      instance.community = state.community;
    }
  }
  return instance;
}

/** Whether an instance's processes are up: `{ installed, mariadb, php, port, url }`. */
export function statusOf({ dataDir = DEFAULTS.dataDir } = {}) {
  const paths = layout(dataDir);
  const state = readState(paths);
  return {
    installed: Boolean(state?.installed),
    mariadb: mariadbRunning(paths),
    php: state ? phpRunning(paths, state.port) : false,
    port: state?.port,
    url: state?.url,
    state,
  };
}

/** Stops an instance's PHP server (its whole process group) and MariaDB, by their PIDs. */
export async function stopWordPress({ dataDir = DEFAULTS.dataDir } = {}) {
  const paths = layout(dataDir);
  const state = readState(paths);
  const stopped = [];
  const phpPid = readPid(paths.phpPid);
  if (phpPid && (phpRunning(paths, state?.port) || groupMembers(phpPid).length > 0)) {
    await stopGroup(phpPid);
    stopped.push('php');
  }
  rmSync(paths.phpPid, { force: true });
  const dbPid = readPid(paths.mariadbPid);
  if (dbPid && mariadbRunning(paths)) {
    await stopProcess(dbPid, mariadbMarks(paths));
    stopped.push('mariadb');
  }
  rmSync(paths.mariadbPid, { force: true });
  if (paths.socket.startsWith(tmpdir())) rmSync(paths.socket, { force: true });
  return { stopped };
}

/** Stops an instance and deletes its data folder. */
export async function resetWordPress({ dataDir = DEFAULTS.dataDir } = {}) {
  const result = await stopWordPress({ dataDir });
  const paths = layout(dataDir);
  if (existsSync(paths.dir)) {
    rmSync(paths.dir, { recursive: true, force: true });
    result.deleted = paths.dir;
  }
  return result;
}

export { RunnerError };
