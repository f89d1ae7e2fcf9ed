/**
 * Items by key, each with its own subscribers: a change to one item notifies only the views that show
 * it (a row of a list of 1,000 VMs), and replacing one item copies nothing else. The items themselves
 * are immutable values; an item that changed is a new object, so `get` suits useSyncExternalStore.
 */
export class KeyedStore<T> {
  readonly #items = new Map<string, T>();
  readonly #keyListeners = new Map<string, Set<() => void>>();
  readonly #listeners = new Set<(key: string) => void>();

  get(key: string): T | undefined {
    return this.#items.get(key);
  }

  has(key: string): boolean {
    return this.#items.has(key);
  }

  get size(): number {
    return this.#items.size;
  }

  values(): IterableIterator<T> {
    return this.#items.values();
  }

  set(key: string, value: T): void {
    if (this.#items.get(key) === value) return;
    this.#items.set(key, value);
    this.#notify(key);
  }

  delete(key: string): boolean {
    if (!this.#items.delete(key)) return false;
    this.#notify(key);
    return true;
  }

  /** Listens to one key (also to its deletion). */
  subscribeKey(key: string, listener: () => void): () => void {
    let listeners = this.#keyListeners.get(key);
    if (listeners === undefined) this.#keyListeners.set(key, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.#keyListeners.get(key) === listeners) this.#keyListeners.delete(key);
    };
  }

  /** Listens to every change, told which key changed. */
  subscribe(listener: (key: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(key: string): void {
    for (const listener of [...(this.#keyListeners.get(key) ?? [])]) listener();
    for (const listener of [...this.#listeners]) listener(key);
  }
}
