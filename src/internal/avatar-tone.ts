import { hashId } from '../model/hash.js';

/**
 * Backgrounds of the initials avatars: one per member, picked by a hash of
 * the member id, so a member keeps their colour on every page, range and
 * reload, and neighbours in a table mostly differ. Each tone carries white
 * initials at WCAG AA contrast (at least 4.5:1; a test checks every one), on
 * a light or a dark page alike, since the text sits on the tone itself.
 */
export const AVATAR_TONES = ['#1d4ed8', '#047857', '#b91c1c', '#7e22ce', '#a16207', '#be185d', '#0e7490', '#4d7c0f', '#c2410c', '#4338ca'] as const;

/** The text colour on every tone. */
export const AVATAR_TONE_TEXT = '#ffffff';

/** The tone (an index into `AVATAR_TONES`) of a member. */
export function avatarTone(memberId: string): number {
  return (hashId(memberId) >>> 0) % AVATAR_TONES.length;
}
