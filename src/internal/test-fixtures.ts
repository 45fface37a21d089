import { expect } from '@open-wc/testing';
import { generateCommunity } from '../generator/community.js';
import { AnalyticsError } from '../model/errors.js';
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

/** What `promise` rejects with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** The `AnalyticsError` `promise` rejects with; fails on anything else. */
export async function analyticsError(promise: Promise<unknown>): Promise<AnalyticsError> {
  const error = await rejection(promise);
  expect(error).to.be.instanceOf(AnalyticsError);
  return error as AnalyticsError;
}
