const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BUCKETS = 160;

/** Log-scale buckets of delays: four per doubling, from one second up. */
function bucketOf(ms: number): number {
  const seconds = ms / 1000;
  return seconds < 1 ? 0 : Math.min(BUCKETS - 1, 1 + Math.floor(Math.log2(seconds) * 4));
}

/**
 * How long after their cause follow-ups come (approvals, flags, renames, …),
 * learned as they are scheduled, and so which share of them still falls
 * before the end of the stream when the cause happens late in the span.
 */
class DelayHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private readonly cumulative = new Float64Array(BUCKETS);
  total = 0;

  constructor(
    /** Follow-ups per cause and their typical delays until enough have been seen. */
    private readonly priorPerCause: number,
    private readonly priorMin: number,
    private readonly priorMax: number,
  ) {}

  add(delay: number): void {
    this.counts[bucketOf(delay)]++;
    this.total++;
  }

  /** Called once per planning, before `shareWithin`. */
  refresh(): void {
    let sum = 0;
    for (let i = 0; i < BUCKETS; i++) this.cumulative[i] = sum += this.counts[i];
  }

  perCause(causes: number): number {
    return (this.total + this.priorPerCause * 200) / (causes + 200);
  }

  /** Share of follow-ups due within `ms` of their cause. */
  shareWithin(ms: number): number {
    if (ms <= 0) return 0;
    if (this.total < 500) {
      const x = Math.log(ms / this.priorMin) / Math.log(this.priorMax / this.priorMin);
      return x < 0 ? 0 : x > 1 ? 1 : x;
    }
    return this.cumulative[bucketOf(ms)] / this.total;
  }
}

/**
 * Keeps the stream's size on target: before each day it decides how many
 * activities (posts, replies, votes) the day gets, so that what was already
 * delivered or queued, plus what the remaining days will bring (their joins,
 * spaces, activities and the follow-ups of all of those that still fall
 * before the end), adds up to the requested number of events.
 */
export class EventBudget {
  private readonly activityDelays = new DelayHistogram(0.1, 20_000, 7 * DAY);
  private readonly joinDelays = new DelayHistogram(0.34, DAY, 200 * DAY);
  /** The day's four quarters by their share of activity; a quarter's mid-point stands for it. */
  private readonly quarterWeights: number[];
  activities = 0;
  joins = 0;

  constructor(
    private readonly events: number,
    private readonly duplicateFraction: number,
    hourly: ArrayLike<number>,
  ) {
    const quarters = [0, 0, 0, 0];
    for (let h = 0; h < 24; h++) quarters[Math.floor(h / 6)] += hourly[h];
    const sum = quarters.reduce((a, b) => a + b, 0);
    this.quarterWeights = quarters.map((q) => q / sum);
  }

  activityFollowUp(delay: number): void {
    this.activityDelays.add(delay);
  }

  joinFollowUp(delay: number): void {
    this.joinDelays.add(delay);
  }

  /**
   * Activities for day `d`: `committed` events are delivered or queued so far;
   * `dayWeight` is each day's share of activity, `joinsOn`/`spacesOn` the
   * joins and new spaces still to come on each day.
   */
  activitiesFor(d: number, committed: number, dayWeight: Float64Array, joinsOn: Int32Array, spacesOn: Int32Array): number {
    this.activityDelays.refresh();
    this.joinDelays.refresh();
    const repeat = 1 + this.duplicateFraction;
    const perActivity = this.activityDelays.perCause(this.activities);
    const perJoin = this.joinDelays.perCause(this.joins);
    const days = dayWeight.length;
    let fixed = 0;
    let activityWeight = 0;
    // Walking back from the last day, until every follow-up lands (the share only grows with the distance to the end).
    let activityLands = false;
    let joinLands = false;
    for (let day = days - 1; day >= d; day--) {
      const untilEnd = (days - day) * DAY;
      let inActivity = 1;
      if (!activityLands) {
        inActivity = 0;
        for (let q = 0; q < 4; q++) inActivity += this.quarterWeights[q] * this.activityDelays.shareWithin(untilEnd - (q * 6 + 3) * HOUR);
        activityLands = inActivity > 0.9999;
      }
      let inJoin = 1;
      if (!joinLands) {
        inJoin = this.joinDelays.shareWithin(untilEnd - 12 * HOUR);
        joinLands = inJoin > 0.9999;
      }
      activityWeight += dayWeight[day] * repeat * (1 + perActivity * inActivity);
      fixed += (joinsOn[day] * (1 + perJoin * inJoin) + spacesOn[day]) * repeat;
    }
    const budget = this.events - committed - fixed;
    return budget <= 0 || activityWeight <= 0 ? 0 : (budget * dayWeight[d]) / activityWeight;
  }
}
