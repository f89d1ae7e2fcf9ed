/**
 * What the form shows about the draft: main's findings plus the form's own checks (one entry per
 * field, main's word first), and per field the texts of its errors and warnings. The per-field
 * markers keep their identity while their texts stay the same, so a field subscribed to its markers
 * re-renders only when they change.
 */
import { findingText, type FindingLike } from '../../findings/findings.js';
import type { FieldProblem } from './field-checks.js';

export interface FieldMarkers {
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

export const NO_MARKERS: FieldMarkers = Object.freeze({ errors: Object.freeze([]), warnings: Object.freeze([]) });

export function draftIssues(draftFindings: readonly FindingLike[] | null, problems: readonly FieldProblem[]): FindingLike[] {
  const server = draftFindings ?? [];
  // Where main already reports an error, the form's own check would only say it twice.
  const reported = new Set(server.filter((f) => f.severity === 'error').map((f) => f.path));
  return [
    ...problems
      .filter((p) => !reported.has(p.path))
      .map((p): FindingLike => ({ severity: 'error', code: 'form.invalid', path: p.path, params: { message: p.message }, lossy: false })),
    ...server,
  ];
}

const sameTexts = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((text, i) => text === b[i]);

export function fieldMarkers(issues: readonly FindingLike[], previous: ReadonlyMap<string, FieldMarkers>): ReadonlyMap<string, FieldMarkers> {
  const texts = new Map<string, { errors: string[]; warnings: string[] }>();
  for (const issue of issues) {
    if (issue.severity === 'info') continue;
    let entry = texts.get(issue.path);
    if (entry === undefined) texts.set(issue.path, (entry = { errors: [], warnings: [] }));
    (issue.severity === 'error' ? entry.errors : entry.warnings).push(findingText(issue));
  }
  const markers = new Map<string, FieldMarkers>();
  for (const [path, entry] of texts) {
    const before = previous.get(path);
    markers.set(path, before && sameTexts(before.errors, entry.errors) && sameTexts(before.warnings, entry.warnings) ? before : entry);
  }
  return markers;
}
