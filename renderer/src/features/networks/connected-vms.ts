/**
 * The switch table's "Connected VMs" cell: the first few names and how many more. A switch many VMs
 * use (NanaBox's default one) would otherwise grow its row into a column of names; the delete dialog
 * names them all.
 */
import type { Translator } from '../../../../app/i18n/translator.js';

/** Names shown before "and N more". */
const NAMED_VMS = 3;

/** Whether the cell leaves names out ("and 1 more" would take the room of the name it hides). */
export function namesLeftOut(usedBy: readonly string[]): boolean {
  return usedBy.length > NAMED_VMS + 1;
}

export function connectedVms(tr: Translator, usedBy: readonly string[]): string {
  if (!namesLeftOut(usedBy)) return tr.list(usedBy);
  return tr.list([...usedBy.slice(0, NAMED_VMS), tr.t('networks.usedBy.more', { count: usedBy.length - NAMED_VMS })]);
}
