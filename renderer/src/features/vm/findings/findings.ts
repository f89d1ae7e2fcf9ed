/**
 * Findings as the UI shows them: their sentences from the catalogue (app/i18n/text.ts, by code and
 * params), grouped and filtered by JSON path. The form's own checks are findings too, with codes of
 * their own (`form.*`, field-checks.ts) and their catalogue key and values as params.
 */
import { findingText as coreFindingText } from '../../../../../app/i18n/text.js';
import type { Translator } from '../../../../../app/i18n/translator.js';

export interface FindingLike {
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string | number | boolean>>;
  readonly lossy: boolean;
}

/** The form's own checks: `form.<rule>` with the catalogue's `form.<rule>` message and its values. */
export const FORM_CODE = 'form.';

export function findingText(tr: Translator, finding: FindingLike): string {
  if (finding.code.startsWith(FORM_CODE)) {
    const text = tr.maybe(finding.code, finding.params);
    if (text !== null) return text;
  }
  return coreFindingText(tr, finding);
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function sortFindings<T extends FindingLike>(findings: readonly T[]): T[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.path.localeCompare(b.path));
}

/** Findings at `pointer` or below it. */
export function findingsAt<T extends FindingLike>(findings: readonly T[], pointer: string): T[] {
  return findings.filter((f) => f.path === pointer || f.path.startsWith(pointer + '/'));
}

export function hasErrors(findings: readonly FindingLike[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** One entry per code and path: load-time and validation findings often repeat each other. */
export function uniqueFindings<T extends FindingLike>(findings: readonly T[]): T[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}\u0000${f.path}\u0000${JSON.stringify(f.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The JSON Pointer shown to users: `/NanaBox/ScsiDevices/0/Path` reads as `NanaBox › ScsiDevices › 0 › Path`. */
export function pointerLabel(tr: Translator, pointer: string): string {
  if (pointer === '') return tr.t('findings.wholeFile');
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join(' › ');
}
