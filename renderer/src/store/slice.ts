/**
 * How a slice of the store is built: it writes only its own part, and reads the store as the slices it
 * depends on see it. The dependencies form a tree (navigation and notifications depend on nothing; the
 * connection on everything), so no slice imports another that imports it back.
 */
export interface SliceContext<Own, Deps = unknown> {
  readonly set: (patch: Partial<Own> | ((state: Own & Deps) => Partial<Own>)) => void;
  readonly get: () => Own & Deps;
}
