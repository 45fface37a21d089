/**
 * An avatar URL from member data is untrusted: only absolute http(s) URLs
 * are loaded; anything else (javascript:, data:, relative paths) gives
 * undefined and the caller shows initials instead.
 */
export function safeImageUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Up to two initials of a display name, for the avatar fallback. */
export function initials(displayName: string): string {
  const words = displayName.trim().split(/\s+/u).filter(Boolean);
  const letters = words.slice(0, 2).map((w) => Array.from(w)[0] ?? '');
  return letters.join('').toLocaleUpperCase() || '?';
}
