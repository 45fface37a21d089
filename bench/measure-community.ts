/**
 * Measures the community generator: events per second for each size given on
 * the command line (default 100 000 and 1 000 000), and with `--summary` the
 * stream's shape. Run in Node on the bundled file, e.g.
 *
 *   npx esbuild bench/measure-community.ts --bundle --format=esm --platform=node --outfile=measure.mjs
 *   node measure.mjs 1000000 10000000
 */
import { summarizeCommunity } from '../test/community-stats.js';
import { communityEvents } from '../src/generator/community.js';

interface NodeProcess {
  argv: string[];
  cpuUsage(): { user: number; system: number };
  memoryUsage(): { rss: number; heapUsed: number };
}

const node = (globalThis as { process?: NodeProcess }).process;
const args = node?.argv.slice(2) ?? [];
const sizes = args.filter((a) => /^\d+$/.test(a)).map(Number);
const withSummary = args.includes('--summary');

for (const events of sizes.length > 0 ? sizes : [100_000, 1_000_000]) {
  const cpuBefore = node?.cpuUsage();
  const started = performance.now();
  let count = 0;
  for (const chunk of communityEvents({ events })) count += chunk.length;
  const ms = performance.now() - started;
  const cpu = node && cpuBefore ? (node.cpuUsage().user - cpuBefore.user + node.cpuUsage().system - cpuBefore.system) / 1000 : NaN;
  const rss = node ? Math.round(node.memoryUsage().rss / 1e6) : NaN;
  console.log(
    `${events} events requested, ${count} emitted: ${Math.round(ms)} ms wall, ${Math.round(cpu)} ms CPU, ` +
      `${Math.round((count / ms) * 1000).toLocaleString('en-US')} events/s, RSS ${rss} MB`,
  );
  if (withSummary) console.log(JSON.stringify(summarizeCommunity(communityEvents({ events })), null, 2));
}
