/**
 * The event queue: a binary min-heap ordered by (time, sequence number), kept in parallel arrays so
 * scheduling an event allocates nothing. Cancellation is lazy: an event carries a token, and its
 * handler ignores it when the token no longer matches (see `Simulation.isStale`).
 */
export class EventQueue {
  size = 0;
  /**
   * The heap holds only what orders events (time, sequence number) and a slot number; an event's
   * kind, argument and object stay in their slot, so sifting moves three numbers, not five fields.
   */
  private time = new Float64Array(1024);
  private seq = new Float64Array(1024);
  private slot = new Int32Array(1024);
  private kind = new Int32Array(1024);
  private arg = new Float64Array(1024);
  private obj: unknown[] = new Array<unknown>(1024);
  /** Slots not in use, as a stack; slots past `freeTop` are free too. */
  private free = new Int32Array(1024);
  private freeTop = 0;
  private nextFresh = 0;
  private nextSeq = 0;
  /** Late events (faults) sort after every ordinary event at the same time. */
  private nextLateSeq = 2 ** 52;

  /** Fields of the event most recently popped. */
  topTime = 0;
  topKind = 0;
  topArg = 0;
  topObj: unknown = null;

  /**
   * Schedules an event. Kept small, so that it is inlined where events are scheduled: a double passed
   * to a call that is not inlined is boxed into a new heap number (the time here), one per event.
   * The time goes into the heap's array at once, and `siftUp` takes only its position.
   */
  push(time: number, kind: number, obj: unknown, arg: number, late = false): void {
    if (this.size === this.time.length) this.grow();
    const slot = this.freeTop > 0 ? this.free[--this.freeTop]! : this.nextFresh++;
    this.kind[slot] = kind;
    this.arg[slot] = arg;
    this.obj[slot] = obj;
    const i = this.size++;
    this.time[i] = time;
    this.seq[i] = late ? this.nextLateSeq++ : this.nextSeq++;
    this.slot[i] = slot;
    this.siftUp(i);
  }

  /** Moves the event at heap position `i` up to its place. */
  private siftUp(i: number): void {
    const T = this.time;
    const S = this.seq;
    const L = this.slot;
    const time = T[i]!;
    const s = S[i]!;
    const slot = L[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = T[p]!;
      if (pt < time || (pt === time && S[p]! < s)) break;
      T[i] = pt;
      S[i] = S[p]!;
      L[i] = L[p]!;
      i = p;
    }
    T[i] = time;
    S[i] = s;
    L[i] = slot;
  }

  /** Time of the earliest event (Infinity when empty). */
  peekTime(): number {
    return this.size > 0 ? this.time[0]! : Infinity;
  }

  peekKind(): number {
    return this.kind[this.slot[0]!]!;
  }
  peekObj(): unknown {
    return this.obj[this.slot[0]!];
  }
  peekArg(): number {
    return this.arg[this.slot[0]!]!;
  }

  /** Removes the earliest event into `top*`; false when empty. */
  pop(): boolean {
    if (this.size === 0) return false;
    const T = this.time;
    const S = this.seq;
    const L = this.slot;
    const top = L[0]!;
    this.topTime = T[0]!;
    this.topKind = this.kind[top]!;
    this.topArg = this.arg[top]!;
    this.topObj = this.obj[top];
    this.obj[top] = undefined;
    this.free[this.freeTop++] = top;
    const last = --this.size;
    if (last > 0) {
      const t = T[last]!;
      const s = S[last]!;
      const l = L[last]!;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= last) break;
        const r = c + 1;
        if (r < last && (T[r]! < T[c]! || (T[r] === T[c] && S[r]! < S[c]!))) c = r;
        if (t < T[c]! || (t === T[c] && s < S[c]!)) break;
        T[i] = T[c]!;
        S[i] = S[c]!;
        L[i] = L[c]!;
        i = c;
      }
      T[i] = t;
      S[i] = s;
      L[i] = l;
    }
    return true;
  }

  /** Calls `fn` with the object and time of every pending event of `kind`, in no particular order. */
  forEachOf(kind: number, fn: (obj: unknown, time: number) => void): void {
    for (let i = 0; i < this.size; i++) {
      const slot = this.slot[i]!;
      if (this.kind[slot] === kind) fn(this.obj[slot], this.time[i]!);
    }
  }

  private grow(): void {
    const n = this.time.length * 2;
    this.time = grown(new Float64Array(n), this.time);
    this.seq = grown(new Float64Array(n), this.seq);
    this.slot = grown(new Int32Array(n), this.slot);
    this.kind = grown(new Int32Array(n), this.kind);
    this.arg = grown(new Float64Array(n), this.arg);
    this.free = grown(new Int32Array(n), this.free);
    this.obj.length = n;
  }
}

function grown<A extends Float64Array | Int32Array>(bigger: A, old: A): A {
  bigger.set(old);
  return bigger;
}
