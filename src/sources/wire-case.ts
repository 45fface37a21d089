/**
 * Field names are camelCase in TypeScript and snake_case on the REST wire
 * (WordPress style): `totalPosts` ↔ `total_posts`, `p90ResponseMinutes` ↔
 * `p90_response_minutes`. Keys of nested objects and of objects in arrays
 * are converted; values are left as they are.
 */
export function camelToSnake(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

function convertKeys(value: unknown, convert: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => convertKeys(item, convert));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[convert(key)] = convertKeys(inner, convert);
    return out;
  }
  return value;
}

/** A camelCase value as it goes on the wire. */
export const toWire = (value: unknown): unknown => convertKeys(value, camelToSnake);

/** A wire value with camelCase keys (not yet validated). */
export const fromWireCase = (value: unknown): unknown => convertKeys(value, snakeToCamel);
