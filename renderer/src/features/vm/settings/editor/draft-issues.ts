/**
 * What the form shows about the draft: main's findings plus the form's own checks (one entry per
 * field, main's word first), and per field its errors and warnings (as findings: the field words them
 * in the active language). The per-field markers keep their identity while they stay the same, so a
 * field subscribed to its markers re-renders only when they change. A field with an error shows no
 * warnings: they only repeat it or are moot until it is fixed (an empty Name is one message, not two).
 */
import type { FindingLike } from '../../findings/findings.js';
import type { FieldProblem } from './field-checks.js';

export interface FieldMarkers {
  readonly errors: readonly FindingLike[];
  readonly warnings: readonly FindingLike[];
}

export const NO_MARKERS: FieldMarkers = Object.freeze({ errors: Object.freeze([]), warnings: Object.freeze([]) });

export function draftIssues(draftFindings: readonly FindingLike[] | null, problems: readonly FieldProblem[]): FindingLike[] {
  const server = draftFindings ?? [];
  // Where main already reports an error, the form's own check would only say it twice.
  const reported = new Set(server.filter((f) => f.severity === 'error').map((f) => f.path));
  return [
    ...problems
      .filter((p) => !reported.has(p.path))
      .map((p): FindingLike => ({ severity: 'error', code: p.code, path: p.path, params: p.params, lossy: false })),
    ...server,
  ];
}

const identity = (f: FindingLike) => `${f.code}\u0000${JSON.stringify(f.params)}`;
const same = (a: readonly FindingLike[], b: readonly FindingLike[]) => a.length === b.length && a.every((f, i) => identity(f) === identity(b[i]!));

export function fieldMarkers(issues: readonly FindingLike[], previous: ReadonlyMap<string, FieldMarkers>): ReadonlyMap<string, FieldMarkers> {
  const found = new Map<string, { errors: FindingLike[]; warnings: FindingLike[] }>();
  for (const issue of issues) {
    if (issue.severity === 'info') continue;
    let entry = found.get(issue.path);
    if (entry === undefined) found.set(issue.path, (entry = { errors: [], warnings: [] }));
    (issue.severity === 'error' ? entry.errors : entry.warnings).push(issue);
  }
  const markers = new Map<string, FieldMarkers>();
  for (const [path, entry] of found) {
    const shown = entry.errors.length > 0 ? { errors: entry.errors, warnings: [] } : entry;
    const before = previous.get(path);
    markers.set(path, before && same(before.errors, shown.errors) && same(before.warnings, shown.warnings) ? before : shown);
  }
  return markers;
}
