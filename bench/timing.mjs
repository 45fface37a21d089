/**
 * Timing helpers: warm up, then sample until both a minimum count and a small
 * time budget are reached (capped), and summarise as median / p95.
 */

/** p95 is the nearest-rank value (the ⌈0.95·n⌉-th smallest): with under 20 runs it is the maximum. */
export function summarize(samples) {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const p95 = sorted[Math.max(0, Math.ceil(0.95 * n) - 1)];
  let sum = 0;
  for (const s of sorted) sum += s;
  return { median: round(median), p95: round(p95), min: round(sorted[0]), max: round(sorted[n - 1]), mean: round(sum / n), runs: n };
}

export function round(x, digits = 3) {
  if (x === null || x === undefined || !Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const DEFAULTS = { warmup: 3, min: 9, max: 41, budgetMs: 300 };

/** Changes the defaults (fewer runs for the 10 M size, where one report takes seconds). */
export function setDefaults(options) {
  Object.assign(DEFAULTS, options);
}

/**
 * Times `fn(i)`; `setup(i)` runs before each call, untimed. Returns the summary.
 * Options: warmup, min, max runs, budgetMs (keep sampling past `min` while under it).
 */
export function measure(fn, options = {}) {
  const { warmup, min, max, budgetMs, setup } = { ...DEFAULTS, ...options };
  let i = 0;
  for (; i < warmup; i++) {
    setup?.(i);
    fn(i);
  }
  const samples = [];
  let spent = 0;
  while (samples.length < min || (samples.length < max && spent < budgetMs)) {
    setup?.(i);
    const t0 = performance.now();
    fn(i);
    const dt = performance.now() - t0;
    samples.push(dt);
    spent += dt;
    i++;
  }
  return summarize(samples);
}

/** The same for async work (DuckDB, worker round trips). */
export async function measureAsync(fn, options = {}) {
  const { warmup, min, max, budgetMs, setup } = { ...DEFAULTS, ...options };
  let i = 0;
  for (; i < warmup; i++) {
    await setup?.(i);
    await fn(i);
  }
  const samples = [];
  let spent = 0;
  while (samples.length < min || (samples.length < max && spent < budgetMs)) {
    await setup?.(i);
    const t0 = performance.now();
    await fn(i);
    const dt = performance.now() - t0;
    samples.push(dt);
    spent += dt;
    i++;
  }
  return summarize(samples);
}

/**
 * Heap in use plus ArrayBuffer memory (typed-array columns live there), after
 * full GCs. Read twice: the ArrayBuffers of an engine just dropped are still
 * counted by the first reading after its collection (their release is
 * accounted a cycle later), which made a dropped engine look retained.
 */
export function usedBytes() {
  let bytes = 0;
  for (let i = 0; i < 2; i++) {
    globalThis.gc();
    globalThis.gc();
    const m = process.memoryUsage();
    bytes = m.heapUsed + m.arrayBuffers;
  }
  return bytes;
}
