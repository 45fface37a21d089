import { generateCommunity } from '../generator/community.js';
import { MemoryDataSource, type MemoryDataSourceOptions } from '../sources/memory-data-source.js';

/** "Now" for element tests: the generated community ends here. */
export const FIXTURE_NOW = Date.UTC(2026, 10, 24, 12);

/**
 * A data source over a small generated community (seeded, so every run sees
 * the same numbers), for element tests. Not part of the public API.
 */
export async function fixtureSource(options: MemoryDataSourceOptions & { events?: number; seed?: number } = {}): Promise<MemoryDataSource> {
  const { events = 4000, seed = 11, ...sourceOptions } = options;
  const source = new MemoryDataSource({ worker: false, timeZone: 'UTC', now: FIXTURE_NOW, ...sourceOptions });
  await source.ingest(generateCommunity({ seed, events, days: 120, end: FIXTURE_NOW }));
  return source;
}
