/** Base-36 digit pairs "00" … "zz". */
const TWO_DIGITS: readonly string[] = Array.from({ length: 1296 }, (_, n) => (n < 36 ? `0${n.toString(36)}` : n.toString(36)));

/**
 * Short ids: a prefix and the number in base 36, at least two digits
 * (`e00`, `e01`, … `e0z`, `e10`, …). Built with one string allocation each,
 * from cached heads, because every event needs at least one.
 */
export class IdNames {
  private readonly heads: string[] = [];

  constructor(private readonly prefix: string) {}

  of(n: number): string {
    const high = Math.floor(n / 1296);
    const head = this.heads[high] ?? (this.heads[high] = high === 0 ? this.prefix : this.prefix + high.toString(36));
    return head + TWO_DIGITS[n - high * 1296];
  }
}
