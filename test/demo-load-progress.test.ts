import { expect } from '@open-wc/testing';
import { describeProgress, describeStop, describeTimeLeft, shareDone, timeLeftMs } from '../demo/load-progress.js';

describe("the playground's load progress", () => {
  it('estimates the time left from the rate so far, once there is enough to go on', () => {
    expect(timeLeftMs({ done: 250_000, total: 1_000_000, elapsedMs: 2_000 })).to.equal(6_000);
    expect(timeLeftMs({ done: 1_000_000, total: 1_000_000, elapsedMs: 9_000 })).to.equal(0);
    // The first chunk of a large load, or the first instants: no estimate yet rather than a wild one.
    expect(timeLeftMs({ done: 16_384, total: 5_000_000, elapsedMs: 3_000 })).to.equal(null);
    expect(timeLeftMs({ done: 100_000, total: 1_000_000, elapsedMs: 200 })).to.equal(null);
  });

  it('says events of the total, the whole percent reached and the time left', () => {
    expect(describeProgress({ done: 345_678, total: 1_000_000, elapsedMs: 3_000 }, 'en-US')).to.equal(
      '345,678 of 1,000,000 events (34 %), about 6 s left',
    );
    expect(describeProgress({ done: 16_384, total: 5_000_000, elapsedMs: 400 }, 'en-US')).to.equal(
      '16,384 of 5,000,000 events (0 %), estimating the time left…',
    );
    // The generator's count is approximate (±1 %): never more than all of it, never past 100 %.
    expect(describeProgress({ done: 1_004_000, total: 1_000_000, elapsedMs: 8_000 }, 'en-US')).to.equal(
      '1,000,000 of 1,000,000 events (100 %), less than a second left',
    );
    expect(shareDone({ done: 5, total: 0 })).to.equal(0);
  });

  it('says durations as people do, and where a stopped load was', () => {
    expect(describeTimeLeft(400)).to.equal('less than a second left');
    expect(describeTimeLeft(12_400)).to.equal('about 12 s left');
    expect(describeTimeLeft(125_000)).to.equal('about 2 min 5 s left');
    expect(describeTimeLeft(120_000)).to.equal('about 2 min left');
    expect(describeStop({ done: 350_000, total: 1_000_000 }, 'en-US')).to.equal('350,000 of 1,000,000 events (35 %)');
  });
});
