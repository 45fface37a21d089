/**
 * The one rule for a signed change in percent on the cards: always one
 * decimal ("+6.6%", "−25.0%", "0.0%"), so a Growth Rate of +6.57 % never
 * stands as "+6.57%" beside a "+6.5%" change. The drift in verify mode is
 * not such a change: it is the diff report's `drift_pct`, defined to two
 * decimals (a drift of 0.004 % must not read "0.0%"), and is shown as the
 * tables and the diff report show it.
 */

/** How many decimals a change in percent is shown with. */
export const CHANGE_DECIMALS = 1;

const formats = new Map<string, Intl.NumberFormat>();

function formatFor(locale: string): Intl.NumberFormat {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'percent',
      minimumFractionDigits: CHANGE_DECIMALS,
      maximumFractionDigits: CHANGE_DECIMALS,
      signDisplay: 'exceptZero',
    });
    formats.set(locale, format);
  }
  return format;
}

/** A change already in percent (6.57 = 6.57 %), signed, with one decimal in `locale`: "+6.6%". */
export function formatChange(locale: string, valueInPercent: number): string {
  return formatFor(locale).format(valueInPercent / 100);
}

/** The change as it is shown, as a number: 6.57 → 6.6, −0.04 → 0 (so it reads, and points, as unchanged). */
export function shownChange(valueInPercent: number): number {
  const factor = 10 ** CHANGE_DECIMALS;
  const rounded = Math.round(Math.abs(valueInPercent) * factor) / factor;
  return rounded === 0 ? 0 : Math.sign(valueInPercent) * rounded;
}
