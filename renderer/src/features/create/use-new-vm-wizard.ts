/**
 * The New VM wizard's state: the draft, the step shown, which fields show their errors (a field once
 * edited, every field of a step once Next was pressed on it — so an empty form does not open in red),
 * and the creation itself (use-operation-run.ts).
 */
import { useMemo, useState } from 'react';
import type { HostFactsDto } from '../../../../app/ipc/contract.js';
import type { VmPresetName } from '../../../../app/vm/new-vm.js';
import { draftErrors, draftWarnings, FIELD_STEP, firstStepWithErrors, stepErrors, type CheckContext, type DraftField } from './new-vm-checks.js';
import { initialDraft, newVmInput, NEW_VM_STEPS, withPreset, type NewVmDraft, type NewVmStep } from './new-vm-draft.js';
import { useOperationRun } from './use-operation-run.js';
import { useT } from '../../i18n/context.js';

export type DraftPatch = Partial<Omit<NewVmDraft, 'preset'>>;

/** The draft's fields that each patch key edits (to show their errors from then on). */
const PATCH_FIELDS: Partial<Record<keyof NewVmDraft, DraftField>> = {
  name: 'name',
  folder: 'folder',
  processors: 'processors',
  memoryMb: 'memoryMb',
  diskSizeGb: 'diskSize',
  diskPath: 'diskPath',
  isoPath: 'isoPath',
};

export function useNewVmWizard(facts: HostFactsDto, context: Omit<CheckContext, 'facts'>) {
  const t = useT();
  const [draft, setDraft] = useState<NewVmDraft>(() => initialDraft(facts));
  const [step, setStep] = useState<NewVmStep>('name');
  const [shown, setShown] = useState<ReadonlySet<DraftField>>(new Set());
  const run = useOperationRun();
  const checkContext = useMemo(() => ({ ...context, facts }), [context, facts]);
  const errors = useMemo(() => draftErrors(draft, checkContext), [draft, checkContext]);
  const warnings = useMemo(() => draftWarnings(draft, checkContext), [draft, checkContext]);
  const index = NEW_VM_STEPS.indexOf(step);
  const busy = run.state.status === 'starting' || run.state.status === 'running';

  const showFields = (fields: readonly DraftField[]) => setShown((previous) => new Set([...previous, ...fields]));

  return {
    draft,
    step,
    errors,
    warnings,
    run,
    busy,
    /** The error of a field, once it should show. */
    errorOf: (field: DraftField) => (shown.has(field) ? errors[field] : undefined),
    /** Whether the user may go to `target`: every step before it is complete. */
    canVisit: (target: NewVmStep) => !busy && NEW_VM_STEPS.slice(0, NEW_VM_STEPS.indexOf(target)).every((s) => stepErrors(s, errors).length === 0),
    edit(patch: DraftPatch) {
      setDraft((previous) => ({ ...previous, ...patch }));
      showFields(Object.keys(patch).flatMap((key) => PATCH_FIELDS[key as keyof NewVmDraft] ?? []));
      if (run.state.status === 'failed' || run.state.status === 'cancelled') run.reset();
    },
    choosePreset(preset: VmPresetName) {
      setDraft((previous) => withPreset(previous, preset, facts));
    },
    goTo(target: NewVmStep) {
      setStep(target);
    },
    back() {
      if (index > 0) setStep(NEW_VM_STEPS[index - 1]!);
    },
    /** Next: to the following step if this one is complete, else its errors show. Returns whether it moved. */
    next(): boolean {
      const fields = (Object.keys(FIELD_STEP) as DraftField[]).filter((field) => FIELD_STEP[field] === step);
      showFields(fields);
      if (stepErrors(step, errors).length > 0 || index === NEW_VM_STEPS.length - 1) return false;
      setStep(NEW_VM_STEPS[index + 1]!);
      return true;
    },
    /** Create: from the summary, when every step is complete (else shows the first incomplete one). */
    create() {
      const incomplete = firstStepWithErrors(NEW_VM_STEPS, errors);
      if (incomplete !== null) {
        showFields(Object.keys(errors) as DraftField[]);
        setStep(incomplete);
        return;
      }
      const input = newVmInput(draft);
      void run.start('vm.create', t.t('create.progress.label', { name: draft.name }), (api) => api.invoke('vm.create', input));
    },
  };
}

export type NewVmWizard = ReturnType<typeof useNewVmWizard>;
