/**
 * A fast, well-mixed 32-bit hash of a string, for hash tables (the engine's
 * id tables) and stable picks (an avatar's tone). Not for security.
 */

/** FNV-1a's starting value. */
export const FNV_OFFSET = 0x811c9dc5;
/** FNV-1a's multiplier: `h = Math.imul(h ^ unit, FNV_PRIME)` for each UTF-16 code unit. */
export const FNV_PRIME = 0x01000193;

/** murmur3's finalizer, so that the low bits of an FNV-1a sum are well mixed. */
export function finishHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** 32-bit FNV-1a over UTF-16 code units, then murmur3's finalizer. */
export function hashId(id: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), FNV_PRIME);
  return finishHash(h);
}
