/**
 * Loads a generated community into the plugin through its batch route,
 * `POST {restRoot}jetonomy/v1/analytics/events`: the project's seeded
 * generator (`communityEvents` from dist/testing.js) yields the stream in
 * delivery order, a batch at a time, sent with snake_case keys as every
 * field travels on the wire. The next batch is generated while the previous
 * one is in flight.
 */
import { pathToFileURL } from 'node:url';

export const EVENTS_ROUTE = 'jetonomy/v1/analytics/events';

/** camelCase keys to snake_case, nested ones too: the rule of `toWire` in src/sources/wire-case.ts. */
export function toWire(value) {
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const [key, inner] of Object.entries(value)) out[key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)] = toWire(inner);
    return out;
  }
  return value;
}

/** Whether the plugin registers the batch route (a plugin without it gets no data). */
export async function hasEventsRoute({ restRoot, fetch }) {
  const response = await fetch(`${restRoot}jetonomy/v1`);
  if (!response.ok) return false;
  const index = await response.json().catch(() => undefined);
  return Boolean(index?.routes?.[`/${EVENTS_ROUTE}`]?.methods?.includes('POST'));
}

/**
 * Sends the community. `fetch` must be authenticated as an administrator.
 * `community`: options of `communityEvents` (`events`, `seed`, `end`, …).
 * Returns `{ events, batches, applied, duplicates, held, released, rejected, rejectedSamples, seconds }`
 * (`released`: held events a later batch let through, where the route reports it).
 */
export async function loadCommunity({ restRoot, fetch, generator, community, batchSize = 5000, log = () => {} }) {
  const { communityEvents } = await import(pathToFileURL(generator).href);
  const url = `${restRoot}${EVENTS_ROUTE}`;
  const totals = { events: 0, batches: 0, applied: 0, duplicates: 0, held: 0, released: 0, rejected: 0, rejectedSamples: [] };
  const started = performance.now();
  let lastReport = started;

  const send = async (body, count, first) => {
    const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    const text = await response.text();
    let answer;
    try {
      answer = JSON.parse(text);
    } catch {
      answer = undefined;
    }
    if (!response.ok || !answer || typeof answer.applied !== 'number') {
      throw new Error(`POST ${EVENTS_ROUTE} (events ${first}–${first + count - 1}) answered ${response.status}: ${text.slice(0, 300)}`);
    }
    totals.batches += 1;
    totals.events += count;
    totals.applied += answer.applied;
    totals.duplicates += answer.duplicates ?? 0;
    totals.released += answer.released ?? 0;
    const rejected = Array.isArray(answer.rejected) ? answer.rejected : [];
    totals.rejected += rejected.length;
    for (const item of rejected.slice(0, Math.max(0, 5 - totals.rejectedSamples.length))) totals.rejectedSamples.push({ ...item, index: first + (item.index ?? 0) });
    // `held` counts events waiting for one they depend on; the last answer says how many still wait.
    totals.held = answer.held ?? 0;
    const now = performance.now();
    if (now - lastReport > 5000) {
      lastReport = now;
      log(`    ${totals.events.toLocaleString('en-US')} events sent, ${Math.round(totals.events / ((now - started) / 1000)).toLocaleString('en-US')}/s`);
    }
  };

  let inFlight;
  let first = 0;
  for (const chunk of communityEvents({ avatarBase: null, ...community }, batchSize)) {
    const body = JSON.stringify(toWire(chunk));
    await inFlight;
    inFlight = send(body, chunk.length, first);
    first += chunk.length;
  }
  await inFlight;
  totals.seconds = (performance.now() - started) / 1000;
  return totals;
}
