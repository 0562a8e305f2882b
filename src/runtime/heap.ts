/**
 * The event queue: a binary min-heap ordered by (time, sequence number), kept in parallel arrays so
 * scheduling an event allocates nothing. Cancellation is lazy: an event carries a token, and its
 * handler ignores it when the token no longer matches (see `Simulation.isStale`).
 */
export class EventQueue {
  size = 0;
  private time = new Float64Array(1024);
  private seq = new Float64Array(1024);
  private kind = new Int32Array(1024);
  private arg = new Float64Array(1024);
  private obj: unknown[] = new Array<unknown>(1024);
  private nextSeq = 0;
  /** Late events (faults) sort after every ordinary event at the same time. */
  private nextLateSeq = 2 ** 52;

  /** Fields of the event most recently popped. */
  topTime = 0;
  topKind = 0;
  topArg = 0;
  topObj: unknown = null;

  /** Schedules an event. */
  push(time: number, kind: number, obj: unknown, arg: number, late = false): void {
    if (this.size === this.time.length) this.grow();
    const s = late ? this.nextLateSeq++ : this.nextSeq++;
    let i = this.size++;
    const T = this.time;
    const S = this.seq;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = T[p]!;
      if (pt < time || (pt === time && S[p]! < s)) break;
      this.move(p, i);
      i = p;
    }
    T[i] = time;
    S[i] = s;
    this.kind[i] = kind;
    this.arg[i] = arg;
    this.obj[i] = obj;
  }

  /** Time of the earliest event (Infinity when empty). */
  peekTime(): number {
    return this.size > 0 ? this.time[0]! : Infinity;
  }

  peekKind(): number {
    return this.kind[0]!;
  }
  peekObj(): unknown {
    return this.obj[0];
  }
  peekArg(): number {
    return this.arg[0]!;
  }

  /** Removes the earliest event into `top*`; false when empty. */
  pop(): boolean {
    if (this.size === 0) return false;
    this.topTime = this.time[0]!;
    this.topKind = this.kind[0]!;
    this.topArg = this.arg[0]!;
    this.topObj = this.obj[0];
    const last = --this.size;
    if (last > 0) {
      const t = this.time[last]!;
      const s = this.seq[last]!;
      const k = this.kind[last]!;
      const a = this.arg[last]!;
      const o = this.obj[last];
      const T = this.time;
      const S = this.seq;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= last) break;
        const r = c + 1;
        if (r < last && (T[r]! < T[c]! || (T[r] === T[c] && S[r]! < S[c]!))) c = r;
        if (t < T[c]! || (t === T[c] && s < S[c]!)) break;
        this.move(c, i);
        i = c;
      }
      T[i] = t;
      S[i] = s;
      this.kind[i] = k;
      this.arg[i] = a;
      this.obj[i] = o;
    }
    this.obj[last] = undefined;
    return true;
  }

  private move(from: number, to: number): void {
    this.time[to] = this.time[from]!;
    this.seq[to] = this.seq[from]!;
    this.kind[to] = this.kind[from]!;
    this.arg[to] = this.arg[from]!;
    this.obj[to] = this.obj[from];
  }

  /** Calls `fn` with the object and time of every pending event of `kind`, in no particular order. */
  forEachOf(kind: number, fn: (obj: unknown, time: number) => void): void {
    for (let i = 0; i < this.size; i++) if (this.kind[i] === kind) fn(this.obj[i], this.time[i]!);
  }

  private grow(): void {
    const n = this.time.length * 2;
    const t = new Float64Array(n);
    t.set(this.time);
    this.time = t;
    const s = new Float64Array(n);
    s.set(this.seq);
    this.seq = s;
    const k = new Int32Array(n);
    k.set(this.kind);
    this.kind = k;
    const a = new Float64Array(n);
    a.set(this.arg);
    this.arg = a;
    this.obj.length = n;
  }
}
