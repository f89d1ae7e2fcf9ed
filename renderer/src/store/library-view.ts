/**
 * Which VMs the library shows, in which order: a search (name, guest, path; case-insensitive), a state
 * filter and a sort. The shown list is computed once when the query or the library changes, and kept up
 * to date one VM at a time otherwise: a change that cannot move or hide its VM leaves the very same array
 * (so nothing that shows the list renders again), and one that can moves just that VM.
 */
import type { VmSummaryDto } from '../../../app/ipc/contract.js';
import type { VmState } from '../../../app/vm/state.js';

export const LIBRARY_SORTS = ['name', 'state', 'lastStarted'] as const;
export type LibrarySort = (typeof LIBRARY_SORTS)[number];

export const STATE_FILTERS = ['all', 'running', 'paused', 'saved', 'stopped', 'attention'] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

export interface LibraryQuery {
  readonly text: string;
  readonly sort: LibrarySort;
  readonly state: StateFilter;
}

export const DEFAULT_QUERY: LibraryQuery = { text: '', sort: 'name', state: 'all' };

type Lookup = (path: string) => VmSummaryDto | undefined;

const FILTERED_STATES: Readonly<Record<Exclude<StateFilter, 'all' | 'attention'>, readonly VmState[]>> = {
  running: ['Starting', 'Running', 'Stopping', 'Saving'],
  paused: ['Paused'],
  saved: ['Saved'],
  stopped: ['Stopped'],
};

/** Running first, then what is on its way, then at rest. */
const STATE_RANK: Readonly<Record<VmState, number>> = { Running: 0, Starting: 1, Stopping: 2, Saving: 3, Paused: 4, Error: 5, Saved: 6, Stopped: 7 };

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** What the search looks in, lower-cased once per summary (summaries are immutable). */
const haystacks = new WeakMap<VmSummaryDto, string>();
function haystack(vm: VmSummaryDto): string {
  let text = haystacks.get(vm);
  if (text === undefined) haystacks.set(vm, (text = `${vm.name}\n${vm.guest ?? ''}\n${vm.path}`.toLowerCase()));
  return text;
}

export function normalizedSearch(text: string): string {
  return text.trim().toLowerCase();
}

/** A search or a state filter is on: the library may hide VMs, and says how many it shows. */
export function isFiltering(query: LibraryQuery): boolean {
  return normalizedSearch(query.text) !== '' || query.state !== 'all';
}

/** Needs attention: it failed, its last action or read failed, or its file has errors. */
function needsAttention(vm: VmSummaryDto): boolean {
  return vm.state === 'Error' || vm.lastError !== null || vm.problems.errors > 0;
}

export function matchesQuery(vm: VmSummaryDto, query: LibraryQuery, search = normalizedSearch(query.text)): boolean {
  if (query.state === 'attention' ? !needsAttention(vm) : query.state !== 'all' && !FILTERED_STATES[query.state].includes(vm.state)) return false;
  return search === '' || haystack(vm).includes(search);
}

/** A total order: the sort's key, then the name, then the path (so two VMs never tie). */
export function compareVms(a: VmSummaryDto, b: VmSummaryDto, sort: LibrarySort): number {
  let byKey = 0;
  if (sort === 'state') byKey = STATE_RANK[a.state] - STATE_RANK[b.state];
  // Most recently started first; never started last.
  else if (sort === 'lastStarted') byKey = (b.lastStartedAt ?? -1) - (a.lastStartedAt ?? -1);
  return byKey || collator.compare(a.name, b.name) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

interface SortedLibrary {
  readonly sort: LibrarySort;
  /** The summaries it sorted, in `order`'s order: it holds while each path still has that very summary. */
  readonly summaries: readonly VmSummaryDto[];
  readonly sorted: readonly VmSummaryDto[];
}

/** The last sort of each `order` (a new array whenever VMs come or go). */
const sortedLibraries = new WeakMap<readonly string[], SortedLibrary>();

/**
 * Every VM in `order`, sorted. A search filters this (a filtered sorted list stays sorted), so typing
 * never sorts the library again: with 1,000 VMs a sort takes 1.5–2 ms of a keystroke's budget. Summaries
 * are immutable, so the last sort holds while every path still has the summary it sorted.
 */
function sortedLibrary(order: readonly string[], lookup: Lookup, sort: LibrarySort): readonly VmSummaryDto[] {
  const summaries: VmSummaryDto[] = [];
  for (const path of order) {
    const vm = lookup(path);
    if (vm !== undefined) summaries.push(vm);
  }
  const last = sortedLibraries.get(order);
  if (last !== undefined && last.sort === sort && last.summaries.length === summaries.length && last.summaries.every((vm, i) => vm === summaries[i])) return last.sorted;
  const sorted = [...summaries].sort((a, b) => compareVms(a, b, sort));
  sortedLibraries.set(order, { sort, summaries, sorted });
  return sorted;
}

/** The shown paths, from scratch; `previous` itself when they are the same (nothing that shows them renders again). */
export function computeVisible(order: readonly string[], lookup: Lookup, query: LibraryQuery, previous: readonly string[] = []): readonly string[] {
  const search = normalizedSearch(query.text);
  const paths: string[] = [];
  for (const vm of sortedLibrary(order, lookup, query.sort)) if (matchesQuery(vm, query, search)) paths.push(vm.path);
  return paths.length === previous.length && paths.every((path, i) => path === previous[i]) ? previous : paths;
}

/** Whether the change from `before` to `after` can move the VM in the sort. */
function sortKeyChanged(before: VmSummaryDto, after: VmSummaryDto, sort: LibrarySort): boolean {
  if (before.name !== after.name) return true;
  if (sort === 'state') return before.state !== after.state;
  if (sort === 'lastStarted') return before.lastStartedAt !== after.lastStartedAt;
  return false;
}

/**
 * The shown paths after one VM changed (`after` undefined: it is gone). Returns `visible` itself when
 * the VM neither appears, disappears nor moves.
 */
export function updateVisible(visible: readonly string[], path: string, before: VmSummaryDto | undefined, after: VmSummaryDto | undefined, lookup: Lookup, query: LibraryQuery): readonly string[] {
  const shows = after !== undefined && matchesQuery(after, query);
  const shown = before !== undefined && matchesQuery(before, query);
  if (shows && shown && !sortKeyChanged(before, after, query.sort)) return visible;
  if (!shows && !shown) return visible;
  const index = visible.indexOf(path);
  const without = index < 0 ? visible : [...visible.slice(0, index), ...visible.slice(index + 1)];
  if (!shows) return without;
  // Binary search for the VM's place among the others (already in order).
  let low = 0;
  let high = without.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const other = lookup(without[middle]!);
    if (other !== undefined && compareVms(other, after, query.sort) < 0) low = middle + 1;
    else high = middle;
  }
  return [...without.slice(0, low), path, ...without.slice(low)];
}
