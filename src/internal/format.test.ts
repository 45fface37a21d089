import { expect } from '@open-wc/testing';
import { Formatter } from './format.js';

describe('Formatter', () => {
  it('formats by its own locale when formatters of several locales are alive at once', () => {
    const de = new Formatter('de-DE');
    const en = new Formatter('en-US');
    const de2 = new Formatter('de_DE');
    expect(de.count(1234567)).to.equal('1.234.567');
    expect(en.count(1234567)).to.equal('1,234,567');
    expect(de2.number(2.5673758865248226)).to.equal('2,57');
    expect(en.number(2.5673758865248226)).to.equal('2.57');
    expect(de.date('2026-03-29')).to.equal('29.03.2026');
    expect(en.date('2026-03-29')).to.equal('Mar 29, 2026');
  });

  it('formats an instant in the zone asked for, whichever zone was asked before', () => {
    const f = new Formatter('en-US');
    const at = Date.UTC(2026, 2, 29, 23, 30);
    const utc = f.instant(at, 'UTC');
    const tokyo = f.instant(at, 'Asia/Tokyo');
    expect(utc).to.match(/^Mar 29, 2026, 11:30\sPM$/);
    expect(tokyo).to.match(/^Mar 30, 2026, 8:30\sAM$/);
    expect(new Formatter('en-US').instant(at, 'UTC')).to.equal(utc);
  });

  it('keeps each locale’s duration units apart', () => {
    expect(new Formatter('en-US').duration(102)).to.equal('1h 42m');
    expect(new Formatter('en-US').duration(26 * 60)).to.equal('1d 2h');
    expect(new Formatter('de-DE').duration(45)).to.not.equal(new Formatter('en-US').duration(45));
  });
});
