import type { EventStore, StoreListener } from './store.js';

/**
 * Checks an `aggregatorDropRate`: a finite number with 0 ≤ rate < 1.
 * Returns it, or throws a RangeError naming the option and the value.
 */
export function checkDropRate(rate: unknown): number {
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate >= 1) {
    throw new RangeError(`"aggregatorDropRate" must be a number from 0 up to (not including) 1, got ${String(rate)}`);
  }
  return rate;
}

// Fixed, so the same stream loses the same changes in every run and thread.
const SEED = 0x9e3779b9;

/** A uniform draw in [0, 1) from a string: FNV-1a, then the murmur3 finalizer so near-equal keys spread. */
export function unitHash(key: string): number {
  let h = SEED;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 0x1_0000_0000;
}

/**
 * Sits between the store and the aggregator and loses a share of the store's
 * change notifications, like webhooks that never arrived, so verify mode has
 * drift to show. The direct path reads the store and is unaffected.
 *
 * The store reports entity changes, not events, so a change is named by the
 * entity and the timestamps of the state it now has (the `at` of the event
 * that caused it); its hash decides whether the aggregator hears it. The
 * same stream therefore loses the same changes however it is chunked. A
 * change the aggregator does hear makes it read the entity's whole current
 * state, so a later delivered change of the same entity heals an earlier
 * loss (see docs/semantics.md).
 */
export class AggregatorDrop implements StoreListener {
  private readonly target: StoreListener;
  private readonly store: EventStore;
  private readonly rate: number;

  constructor(target: StoreListener, store: EventStore, rate: number) {
    this.target = target;
    this.store = store;
    this.rate = checkDropRate(rate);
  }

  private delivered(key: string): boolean {
    return unitHash(key) >= this.rate;
  }

  private contentKey(c: number): string {
    const s = this.store;
    return `c|${s.contents.idOf(c)}|${s.createdAtOf(c)}|${s.statusAtOf(c)}`;
  }

  contentChanged(c: number): void {
    if (this.delivered(this.contentKey(c))) this.target.contentChanged(c);
  }

  contentRedefined(c: number): void {
    // Same key as the contentChanged that follows: one event, one fate.
    if (this.delivered(this.contentKey(c))) this.target.contentRedefined(c);
  }

  voteChanged(v: number): void {
    const s = this.store;
    if (this.delivered(`v|${s.votes.idOf(v)}|${s.castAtOf(v)}|${s.voteState.data[v]! >> 1}`)) this.target.voteChanged(v);
  }

  acceptanceChanged(q: number): void {
    const s = this.store;
    const a = s.acceptanceOf(q);
    const answer = a >= 0 ? s.acceptAnswer.data[a]! : -1;
    const answerId = answer >= 0 ? s.contents.idOf(answer) : '';
    const at = a >= 0 ? s.acceptAt.data[a]! : 0;
    if (this.delivered(`a|${s.contents.idOf(q)}|${at}|${answerId}`)) this.target.acceptanceChanged(q);
  }

  flagChanged(f: number): void {
    const s = this.store;
    if (this.delivered(`f|${s.flags.idOf(f)}|${s.raisedAt.data[f]!}|${s.resolvedAt.data[f]!}`)) this.target.flagChanged(f);
  }

  memberChanged(m: number): void {
    const s = this.store;
    if (this.delivered(`m|${s.members.idOf(m)}|${s.joinedAt.data[m]!}`)) this.target.memberChanged(m);
  }

  spaceRedefined(space: number): void {
    const s = this.store;
    if (this.delivered(`s|${s.spaces.idOf(space)}|${s.spaceKind.data[space]!}`)) this.target.spaceRedefined(space);
  }

  automodAdded(a: number): void {
    const s = this.store;
    const content = s.contents.idOf(s.automodContent.data[a]!);
    if (this.delivered(`t|${content}|${s.automodAt.data[a]!}`)) this.target.automodAdded(a);
  }
}
