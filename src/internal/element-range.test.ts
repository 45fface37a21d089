import { expect } from '@open-wc/testing';
import type { AnalyticsDataSource } from '../sources/data-source.js';
import { RangeController } from './element-range.js';

/** 2026-11-24 13:00 UTC: already Nov 25 in Sydney (UTC+11). */
const NOW = Date.UTC(2026, 10, 24, 13);

function controller(range: string, zones: { own?: string; source?: string; learned?: string }) {
  const source = { timeZone: zones.source, now: () => NOW } as unknown as AnalyticsDataSource;
  const host = { range, timeZone: zones.own, dataSource: source };
  const rc = new RangeController(host, () => zones.learned);
  rc.refuseAfterToday((today) => `ends after ${today}`);
  rc.resolve();
  return rc;
}

describe('RangeController refusing ranges that end after today', () => {
  it('refuses a range that ends after today in the known zone, and takes one that ends today', () => {
    expect(controller('2026-11-20..2026-11-26', { source: 'Australia/Sydney' }).problem).to.equal('ends after 2026-11-25');
    const today = controller('2026-11-20..2026-11-25', { source: 'Australia/Sydney' });
    expect([today.problem, today.dates]).to.deep.equal(['', { start: '2026-11-20', end: '2026-11-25' }]);
    // In UTC that same range ends tomorrow.
    expect(controller('2026-11-20..2026-11-25', { own: 'UTC' }).problem).to.equal('ends after 2026-11-24');
  });

  it('refuses nothing while the zone is unknown: the load that would name it must still happen', () => {
    // A source that names its zone only in its reports: "today" in the UTC fallback is a day behind Sydney's.
    const unknown = controller('2026-11-20..2026-11-25', {});
    expect([unknown.problem, unknown.knownZone, unknown.dates?.end]).to.deep.equal(['', undefined, '2026-11-25']);
    // Once learned, the zone decides.
    expect(controller('2026-11-20..2026-11-26', { learned: 'Australia/Sydney' }).problem).to.equal('ends after 2026-11-25');
  });
});
