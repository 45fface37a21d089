/**
 * Vite plugin of the playground's "Custom snapshot" source: builds a
 * `StaticSnapshot` once from a seeded community and serves it as
 * `snapshot.json` at the site root (under `base`) in dev, and emits it as the
 * asset `snapshot.json` in a build. The page fetches `./snapshot.json` and
 * hands it to `new StaticSnapshotSource(json)`.
 */
import type { Plugin } from 'vite';
import { generateCommunity } from '../../src/generator/community.js';
import type { StaticSnapshot } from '../../src/testing/static-snapshot-source.js';
import { devBase, serveFile } from '../serve-file.js';
import { eventsToSnapshot } from './events-to-snapshot.js';

export interface DemoSnapshotOptions {
  /** Seed of the generated community. Default 7. */
  seed?: number;
  /** Approximate number of events, repeats included. Default 20 000. */
  events?: number;
  /** Days covered. Default 365. */
  days?: number;
  /**
   * Epoch ms where the stream ends and the snapshot is taken ("today" for
   * presets). Default: the start of the current UTC day, so "Last 30 days"
   * always has numbers.
   */
  end?: number;
  /** The site's time zone. Default `Europe/Berlin`. */
  timeZone?: string;
}

const SNAPSHOT_FILE = 'snapshot.json';

/**
 * The snapshot the plugin serves. Members have no pictures (initials), as in
 * the playground's in-memory community: the generator's default picture host
 * never resolves.
 */
function buildDemoSnapshot(options: DemoSnapshotOptions = {}): StaticSnapshot {
  const end = options.end ?? startOfUtcDay(Date.now());
  const events = generateCommunity({ seed: options.seed ?? 7, events: options.events ?? 20_000, days: options.days ?? 365, end, avatarBase: null });
  return eventsToSnapshot(events, { timeZone: options.timeZone ?? 'Europe/Berlin', takenAt: end });
}

export function demoSnapshot(options: DemoSnapshotOptions = {}): Plugin {
  let json: string | undefined;
  // Built on first use, then kept: generating and folding the stream takes a moment.
  const source = (): string => (json ??= JSON.stringify(buildDemoSnapshot(options)));
  let base = '/';

  return {
    name: 'jetonomy-demo-snapshot',
    configResolved(config) {
      base = devBase(config);
    },
    configureServer(server) {
      server.middlewares.use(serveFile(() => base + SNAPSHOT_FILE, 'application/json; charset=utf-8', source));
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: SNAPSHOT_FILE, source: source() });
    },
  };
}

function startOfUtcDay(at: number): number {
  const d = new Date(at);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}
