/**
 * Findings as the UI shows them: English text from app/config/findings.ts (rendered from code and
 * params, so translation can come later), grouped and filtered by JSON path.
 */
import { START_BLOCKING_CODES } from '../../../../../app/config/device-rules.js';
import { renderFinding, type Finding, type FindingCode } from '../../../../../app/config/findings.js';

export interface FindingLike {
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string | number | boolean>>;
  readonly lossy: boolean;
}

export function findingText(finding: FindingLike): string {
  const text = rawFindingText(finding);
  // Sentence case, except where the text starts with a value from the file (a file name keeps its case).
  const startsWithValue = Object.entries(finding.params).some(([k, v]) => k !== 'message' && typeof v === 'string' && v !== '' && text.startsWith(v));
  return (startsWithValue ? text : text.charAt(0).toUpperCase() + text.slice(1)) + (blocksStart(finding) ? '; Hako does not start the VM until this changes' : '');
}

/** Start refuses the VM for this finding, in the finding's own words (app/config/device-rules.ts). */
export function blocksStart(finding: FindingLike): boolean {
  return START_BLOCKING_CODES.has(finding.code as FindingCode);
}

function rawFindingText(finding: FindingLike): string {
  // The form's own checks and rejected calls carry their English text as `message`.
  if (finding.code === 'form.invalid' && typeof finding.params.message === 'string') return finding.params.message;
  try {
    return renderFinding(finding as Finding);
  } catch {
    // A code this build does not know (a newer main, a rejected call): show what there is.
    if (typeof finding.params.message === 'string') return finding.params.message;
    const params = Object.entries(finding.params)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ');
    return params ? `${finding.code} (${params})` : finding.code;
  }
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
export function pointerLabel(pointer: string): string {
  if (pointer === '') return '(whole file)';
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join(' › ');
}
