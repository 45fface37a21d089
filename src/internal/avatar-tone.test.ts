import { expect } from '@open-wc/testing';
import { AVATAR_TONE_TEXT, AVATAR_TONES, avatarTone } from './avatar-tone.js';

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

describe('avatar tones', () => {
  it('carry white initials at AA contrast, every one', () => {
    for (const tone of AVATAR_TONES) expect(contrast(tone, AVATAR_TONE_TEXT), tone).to.be.at.least(4.5);
    expect(new Set(AVATAR_TONES).size).to.equal(AVATAR_TONES.length);
  });

  it('give a member the same tone every time, and spread members over all tones', () => {
    expect(avatarTone('m-42')).to.equal(avatarTone('m-42'));
    const counts = new Array<number>(AVATAR_TONES.length).fill(0);
    for (let i = 0; i < 1000; i++) counts[avatarTone(`m${i}`)]!++;
    // 100 expected per tone; every tone is used and none dominates.
    for (const count of counts) expect(count).to.be.within(50, 160);
  });
});
