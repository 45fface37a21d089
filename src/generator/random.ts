/**
 * A small seeded pseudo-random source (sfc32, seeded through splitmix32) and
 * the samplers the community generator needs. Deterministic across engines:
 * only 32-bit integer arithmetic and IEEE doubles.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const splitmix = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) | 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const t = (((a + b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    this.c = (((c << 21) | (c >>> 11)) + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** `x` rounded down or up at random so that the mean is `x` (keeps small daily counts unbiased). */
  round(x: number): number {
    const floor = Math.floor(x);
    return this.next() < x - floor ? floor + 1 : floor;
  }

  /** Log-uniform in [min, max): as likely to be in 1–10 minutes as in 1–10 hours. */
  logUniform(min: number, max: number): number {
    return min * Math.exp(this.next() * Math.log(max / min));
  }

  /** Standard normal (Box–Muller; one of the pair is enough here). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Log-normal with the given median, clamped to [min, max]. */
  logNormal(median: number, sigma: number, min: number, max: number): number {
    const x = median * Math.exp(sigma * this.normal());
    return x < min ? min : x > max ? max : x;
  }
}

/**
 * Index of the entry a uniform draw `r` in [0, cumulative[n - 1]) falls on, over
 * the first `n` entries of a table of running sums. Restricting `n` samples from
 * the entities that exist so far (members and spaces are indexed by creation).
 */
export function searchCumulative(cumulative: Float64Array, n: number, r: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Running sums of `weights`, for `searchCumulative`. */
export function cumulativeOf(weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) out[i] = sum += weights[i];
  return out;
}

/** A random permutation of 0..n-1 (Fisher–Yates). */
export function permutation(random: Random, n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}
