/**
 * A fast, well-mixed 32-bit hash of a string, for hash tables (the engine's
 * id tables) and stable picks (an avatar's tone). Not for security.
 */

/** 32-bit FNV-1a over UTF-16 code units, then murmur3's finalizer so the low bits are well mixed. */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
