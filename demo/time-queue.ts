/** A min-heap of timed actions: the history generator processes what happens next, in time order. */
export class TimeQueue<T> {
  private items: { t: number; n: number; v: T }[] = [];
  private counter = 0;

  get size(): number {
    return this.items.length;
  }

  push(t: number, v: T): void {
    // `n` breaks ties in insertion order, so equal times stay deterministic.
    const item = { t, n: this.counter++, v };
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (less(a[p], a[i])) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }

  peekTime(): number {
    return this.items.length ? this.items[0].t : Infinity;
  }

  pop(): { t: number; v: T } | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && less(a[l], a[m])) m = l;
        if (r < a.length && less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return { t: top.t, v: top.v };
  }
}

const less = (x: { t: number; n: number }, y: { t: number; n: number }) => x.t < y.t || (x.t === y.t && x.n < y.n);
