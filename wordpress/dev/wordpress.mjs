#!/usr/bin/env node
/**
 * A local, real WordPress with the Jetonomy analytics plugin and a generated
 * community, on 127.0.0.1.
 *
 *   node wordpress/dev/wordpress.mjs start [--port 8881] [--events 100000] [--seed 1]
 *                                          [--time-zone Europe/Berlin|+05:30] [--no-data] [--data-dir DIR]
 *   node wordpress/dev/wordpress.mjs status [--data-dir DIR]
 *   node wordpress/dev/wordpress.mjs stop [--clean] [--data-dir DIR]
 *   node wordpress/dev/wordpress.mjs reset [--data-dir DIR]      (stop --clean)
 *
 * (`npm run wordpress`, `npm run wordpress:stop`.) As a module it exports the
 * API the WordPress tests build on: startWordPress, stopWordPress,
 * resetWordPress, statusOf, login, fetchRestNonce, cookieFetch,
 * appPasswordFetch, loadCommunity.
 */
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { DEFAULTS, ROOT, RunnerError, resetWordPress, startWordPress, statusOf, stopWordPress } from './instance.mjs';

export { DEFAULTS, INSTALL_COMMAND, PACKAGES, RunnerError, resetWordPress, startWordPress, statusOf, stopWordPress } from './instance.mjs';
export { appPasswordFetch, cookieFetch, fetchRestNonce, login } from './client.mjs';
export { EVENTS_ROUTE, hasEventsRoute, loadCommunity, toWire } from './community.mjs';

const USAGE = `Usage: node wordpress/dev/wordpress.mjs [start|status|stop|reset] [options]

  start (default)     start the local WordPress (installing it first if needed)
  status              say whether it runs
  stop [--clean]      stop it; --clean also deletes its data (same as reset)
  reset               stop it and delete its data

Options of start:
  --port N            port on 127.0.0.1 (default ${DEFAULTS.port})
  --events N          size of the generated community (default ${DEFAULTS.events.toLocaleString('en-US')}); loaded once, on the first start
  --seed N            the generator's seed (default ${DEFAULTS.seed})
  --time-zone ZONE    the site's time zone: IANA name (Europe/Berlin) or offset (+05:30)
  --no-data           load no community
  --data-dir DIR      where the instance keeps its data (default ${relative(ROOT, DEFAULTS.dataDir)})`;

const show = (dir) => relative(process.cwd(), dir) || '.';

function printInstance(instance) {
  const lines = [
    '',
    `WordPress is up at ${instance.url}/`,
    `  Analytics:   ${instance.analyticsUrl}`,
    `  Log in as:   ${instance.user} / ${instance.password}`,
    `  REST root:   ${instance.restRoot}  (application password for scripts: ${instance.appPassword ?? 'none'})`,
    `  Time zone:   ${instance.timeZone ?? 'WordPress default'}`,
    `  Community:   ${instance.community ? `${instance.community.events.toLocaleString('en-US')} events (seed ${instance.community.seed})` : 'none loaded'}`,
    `  Plugin:      ${instance.plugin === 'active' ? 'active' : 'not found in wordpress/jetonomy-analytics/'}`,
    `  Data, logs:  ${show(instance.dataDir)}/, ${show(instance.logs)}/`,
    `  Stop it:     npm run wordpress:stop   (delete its data: npm run wordpress:stop -- --clean)`,
  ];
  console.log(lines.join('\n'));
}

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      events: { type: 'string' },
      seed: { type: 'string' },
      'time-zone': { type: 'string' },
      'no-data': { type: 'boolean' },
      'data-dir': { type: 'string' },
      clean: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0] ?? 'start';
  if (values.help || positionals.length > 1 || !['start', 'status', 'stop', 'reset'].includes(command)) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const dataDir = values['data-dir'] ?? DEFAULTS.dataDir;
  const started = performance.now();

  if (command === 'stop' || command === 'reset') {
    const { stopped, deleted } = await (command === 'reset' || values.clean ? resetWordPress({ dataDir }) : stopWordPress({ dataDir }));
    const what = stopped.length > 0 ? `Stopped ${stopped.join(' and ')}` : 'Nothing was running';
    console.log(`${what}${deleted ? `; deleted ${show(deleted)}/` : ''} (${((performance.now() - started) / 1000).toFixed(2)} s).`);
    return 0;
  }
  if (command === 'status') {
    const status = statusOf({ dataDir });
    if (!status.installed) console.log(`No WordPress in ${show(dataDir)}/: start one with npm run wordpress.`);
    else console.log(`${status.url}/: PHP server ${status.php ? 'running' : 'stopped'}, MariaDB ${status.mariadb ? 'running' : 'stopped'}.`);
    return status.php && status.mariadb ? 0 : 1;
  }

  const number = (name) => {
    if (values[name] === undefined) return undefined;
    const value = Number(values[name].replace(/[_,]/g, ''));
    if (!Number.isFinite(value)) throw new RunnerError(`--${name} takes a number, not "${values[name]}"`);
    return value;
  };
  console.log(`Starting WordPress (${show(dataDir)}/):`);
  const instance = await startWordPress({
    port: number('port'),
    events: number('events'),
    seed: number('seed'),
    timeZone: values['time-zone'],
    data: !values['no-data'],
    dataDir,
  });
  if (!instance.started) console.log('  (it was running already)');
  console.log(`  ${'total'.padEnd(42)} ${((performance.now() - started) / 1000).toFixed(2).padStart(6)} s`);
  printInstance(instance);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      if (error instanceof RunnerError || error?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || error?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
        console.error(`\n${error.message}`);
      } else console.error(error);
      process.exit(1);
    },
  );
}
