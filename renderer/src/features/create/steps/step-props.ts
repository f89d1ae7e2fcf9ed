/** What every step of the New VM wizard gets, and how a problem is worded. */
import type { Translator } from '../../../../../app/i18n/translator.js';
import type { Problem } from '../new-vm-checks.js';
import type { NewVmWizard } from '../use-new-vm-wizard.js';

export interface StepProps {
  readonly wizard: NewVmWizard;
}

export function problemText(t: Translator, problem: Problem): string {
  return t.t(problem.key, problem.values);
}

export function problemTexts(t: Translator, problems: readonly Problem[] | undefined): string[] {
  return (problems ?? []).map((problem) => problemText(t, problem));
}
