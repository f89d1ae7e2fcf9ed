/**
 * A file NanaBox refuses, the same everywhere: why it cannot start (the Start button's description, the
 * Overview's banner and findings), and whether the one safe fix — adding the missing UTF-8 BOM, which
 * changes no value — is all it needs.
 */
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { actionHint } from '../../../../../app/i18n/text.js';
import type { Translator } from '../../../../../app/i18n/translator.js';
import { findingText, sortFindings } from '../findings/findings.js';

type Snapshot = Pick<VmSnapshotDto, 'config' | 'findings' | 'lastError'>;

/** Why the VM cannot start because of its file, or null when the file reads. */
export function refusedReason(tr: Translator, vm: Snapshot): string | null {
  if (vm.config !== null) return null;
  const error = sortFindings(vm.findings).find((finding) => finding.severity === 'error');
  if (error !== undefined) return findingText(tr, error);
  return vm.lastError?.message ?? tr.t('refused.unknownReason');
}

/** What the Start button says about itself: why it cannot start, else what it does. */
export function startHint(tr: Translator, vm: Snapshot): string {
  const reason = refusedReason(tr, vm);
  return reason === null ? actionHint(tr, 'start') : tr.t('refused.startHint', { reason });
}

/** The file is refused only for its missing BOM, so adding the BOM makes NanaBox (and Hako) read it. */
export function onlyBomMissing(vm: Snapshot): boolean {
  const errors = vm.findings.filter((finding) => finding.severity === 'error');
  return vm.config === null && errors.length > 0 && errors.every((finding) => finding.code === 'file.bom-missing');
}
