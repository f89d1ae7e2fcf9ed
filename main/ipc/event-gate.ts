/**
 * Events for one renderer (an Electron window, a browser-host connection) wait here until that renderer
 * has called `app.ready`, so a UI still loading misses nothing (Podman's event queue). The queue is
 * bounded: when a renderer never becomes ready, the oldest events are dropped, not memory.
 */
export class EventGate<T> {
  #ready = false;
  #queue: T[] = [];
  #dropped = 0;
  readonly #deliver: (item: T) => void;
  readonly #limit: number;

  constructor(deliver: (item: T) => void, limit = 10_000) {
    this.#deliver = deliver;
    this.#limit = limit;
  }

  get ready(): boolean {
    return this.#ready;
  }

  /** Events dropped because the queue was full. */
  get dropped(): number {
    return this.#dropped;
  }

  push(item: T): void {
    if (this.#ready) {
      this.#deliver(item);
      return;
    }
    this.#queue.push(item);
    if (this.#queue.length > this.#limit) {
      this.#queue.shift();
      this.#dropped++;
    }
  }

  /** The renderer is ready: delivers what waited, in order, and everything after at once. */
  open(): void {
    if (this.#ready) return;
    this.#ready = true;
    const queued = this.#queue;
    this.#queue = [];
    for (const item of queued) this.#deliver(item);
  }
}
