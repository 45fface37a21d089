import { generateCommunity } from '../src/generator/community.js';
import type { AnalyticsEvent } from '../src/model/events.js';

/** The seed of the sample community: the same seed always draws the same community. */
export const SAMPLE_SEED = 2026;

/**
 * The demo's built-in community: about 600 events over the 60 days up to
 * `now` (members joining, spaces, posts and replies, votes, a few approvals,
 * trashings, accepted answers, flags), drawn by the project's seeded
 * community generator. Its stream is realistic on purpose: a few events
 * arrive late or twice, as real deliveries do, and the engine must not care.
 */
export function sampleCommunity(now: number = Date.now()): AnalyticsEvent[] {
  return generateCommunity({ seed: SAMPLE_SEED, events: 600, days: 60, end: now });
}
