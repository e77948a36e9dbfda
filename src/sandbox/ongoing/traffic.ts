// What the sandbox does to REST traffic besides answering it: counts requests per route,
// measures how many run at once (per goods owner and in total), adds latency and injects faults.

export type FaultKind = "error500" | "tooManyRequests" | "hang";

export interface Fault {
  kind: FaultKind;
  /** Requests still to hit with this fault. */
  remaining: number;
  /** Only requests whose "METHOD /path" starts with this are hit (e.g. "PUT /orders"). */
  route?: string;
  /** For tooManyRequests: the Retry-After header value, seconds or an HTTP date. */
  retryAfter?: string;
  /** For hang: how long to hold the request before answering 504 (default 5 minutes). */
  hangMs?: number;
}

export class TrafficKnobs {
  latencyMs = 0;
  faults: Fault[] = [];
  total = 0;
  byRoute = new Map<string, number>();
  inFlight = 0;
  maxInFlight = 0;
  inFlightByGoodsOwner = new Map<number, number>();
  maxInFlightByGoodsOwner = new Map<number, number>();
  private hanging = new Set<() => void>();

  reset(): void {
    this.latencyMs = 0;
    this.faults = [];
    this.resetCounters();
    this.releaseHanging();
  }

  resetCounters(): void {
    this.total = 0;
    this.byRoute.clear();
    this.maxInFlight = this.inFlight;
    this.maxInFlightByGoodsOwner = new Map(this.inFlightByGoodsOwner);
  }

  addFault(fault: Omit<Fault, "remaining"> & { count?: number }): void {
    const { count, ...rest } = fault;
    this.faults.push({ ...rest, remaining: count ?? 1 });
  }

  /** Takes the fault for this request, if any is armed for its route. */
  takeFault(route: string): Fault | undefined {
    const fault = this.faults.find((f) => f.remaining > 0 && (!f.route || route.startsWith(f.route)));
    if (!fault) return undefined;
    fault.remaining--;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return fault;
  }

  /** Records the start of a request; the returned function records its end (call once). */
  begin(route: string, goodsOwnerId: number | undefined): () => void {
    this.total++;
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    if (goodsOwnerId !== undefined) {
      const now = (this.inFlightByGoodsOwner.get(goodsOwnerId) ?? 0) + 1;
      this.inFlightByGoodsOwner.set(goodsOwnerId, now);
      this.maxInFlightByGoodsOwner.set(goodsOwnerId, Math.max(this.maxInFlightByGoodsOwner.get(goodsOwnerId) ?? 0, now));
    }
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight--;
      if (goodsOwnerId !== undefined) this.inFlightByGoodsOwner.set(goodsOwnerId, (this.inFlightByGoodsOwner.get(goodsOwnerId) ?? 1) - 1);
    };
  }

  /** Holds a request until the client goes away, `ms` pass, or the sandbox releases it. */
  hang(ms: number, clientGone: Promise<void>): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        this.hanging.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      this.hanging.add(release);
      void clientGone.then(release);
    });
  }

  releaseHanging(): void {
    for (const release of [...this.hanging]) release();
  }

  snapshot() {
    return {
      total: this.total,
      byRoute: Object.fromEntries(this.byRoute),
      inFlight: this.inFlight,
      maxInFlight: this.maxInFlight,
      maxInFlightByGoodsOwner: Object.fromEntries(this.maxInFlightByGoodsOwner),
    };
  }
}
