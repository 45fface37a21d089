/**
 * A min-priority queue of slots keyed by time, on typed arrays. The caller
 * keeps each entry's payload in its own arrays indexed by slot (so the queue
 * never allocates per entry) and reads it right after `pop()`, before the next
 * `push()` may reuse the slot. Equal times come out in insertion order.
 */
export class TimeQueue {
  private times: Float64Array;
  private order: Float64Array;
  private heap: Int32Array;
  private free: Int32Array;
  private freeCount = 0;
  private used = 0;
  private sequence = 0;
  size = 0;

  constructor(capacity = 1024) {
    this.times = new Float64Array(capacity);
    this.order = new Float64Array(capacity);
    this.heap = new Int32Array(capacity);
    this.free = new Int32Array(capacity);
  }

  /** How many slots exist; payload arrays must be at least this long. */
  get capacity(): number {
    return this.times.length;
  }

  /** Time of the earliest entry, or Infinity when empty. */
  peekTime(): number {
    return this.size === 0 ? Infinity : this.times[this.heap[0]];
  }

  /** Adds an entry at `time` and returns its slot (grow payload arrays to `capacity` if needed). */
  push(time: number): number {
    const slot = this.freeCount > 0 ? this.free[--this.freeCount] : this.allocate();
    this.times[slot] = time;
    this.order[slot] = this.sequence++;
    let i = this.size++;
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (!this.before(slot, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = slot;
    return slot;
  }

  /** Removes the earliest entry and returns its slot (its payload stays readable until the next push). */
  pop(): number {
    const heap = this.heap;
    const top = heap[0];
    const last = heap[--this.size];
    const n = this.size;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.before(heap[child + 1], heap[child])) child++;
      if (!this.before(heap[child], last)) break;
      heap[i] = heap[child];
      i = child;
    }
    if (n > 0) heap[i] = last;
    this.free[this.freeCount++] = top;
    return top;
  }

  private before(x: number, y: number): boolean {
    const tx = this.times[x];
    const ty = this.times[y];
    return tx < ty || (tx === ty && this.order[x] < this.order[y]);
  }

  private allocate(): number {
    if (this.used === this.times.length) {
      const capacity = this.times.length * 2;
      this.times = grow(this.times, capacity);
      this.order = grow(this.order, capacity);
      const heap = new Int32Array(capacity);
      heap.set(this.heap);
      this.heap = heap;
      const free = new Int32Array(capacity);
      free.set(this.free);
      this.free = free;
    }
    return this.used++;
  }
}

function grow(array: Float64Array, capacity: number): Float64Array {
  const out = new Float64Array(capacity);
  out.set(array);
  return out;
}
