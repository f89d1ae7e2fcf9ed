/**
 * The New VM wizard, as Hyper-V Manager's New Virtual Machine Wizard lays it out: the steps on the left
 * (each reachable once the steps before it are complete), the current step on the right, Back / Next /
 * Create / Cancel at the bottom (Enter is Next). Create shows its progress in place, with Cancel, and
 * then offers Start and Connect.
 */
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { HostFactsDto } from '../../../../app/ipc/contract.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { Button } from '../../kit/Button/Button.js';
import { ErrorDetails } from '../../kit/ErrorDetails/ErrorDetails.js';
import { InfoBar } from '../../kit/InfoBar/InfoBar.js';
import { Page } from '../../kit/Page/Page.js';
import { Spinner } from '../../kit/Spinner/Spinner.js';
import { useHako, useLibraryIds } from '../../store/context.js';
import { CreateProgress, Created } from './CreateOutcome.js';
import { NEW_VM_STEPS, plannedFiles, type NewVmStep } from './new-vm-draft.js';
import { DiskStep } from './steps/DiskStep.js';
import { FolderStep } from './steps/FolderStep.js';
import { HardwareStep } from './steps/HardwareStep.js';
import { MediaStep } from './steps/MediaStep.js';
import { NameStep } from './steps/NameStep.js';
import { NetworkStep, type HostSwitches } from './steps/NetworkStep.js';
import { SummaryStep } from './steps/SummaryStep.js';
import { useNewVmWizard, type NewVmWizard } from './use-new-vm-wizard.js';
import { useT } from '../../i18n/context.js';
import './NewVmPage.css';

export function NewVmPage() {
  const t = useT();
  const facts = useApiQuery(t.t('create.factsFailed'), (api) => api.invoke('app.hostFacts'), 'host-facts');
  const switches = useApiQuery(t.t('create.network.failed'), (api) => api.invoke('networks.list'), 'switches');
  // A fresh wizard each time "Create another" is chosen.
  const [round, setRound] = useState(0);
  return (
    <Page title={t.t('create.title')} description={t.t('create.description')}>
      {facts.data === null ? (
        <div className="center-pad">{facts.loading ? <Spinner label={t.t('create.loading')} size="large" /> : <Button onClick={facts.reload}>{t.t('common.tryAgain')}</Button>}</div>
      ) : (
        <Wizard key={round} facts={facts.data} switches={switches.data} onAnother={() => setRound((n) => n + 1)} />
      )}
    </Page>
  );
}

function Wizard({ facts, switches, onAnother }: { readonly facts: HostFactsDto; readonly switches: HostSwitches | null; readonly onAnother: () => void }) {
  const t = useT();
  const takenNames = useLibraryIds();
  const windows = useHako((s) => s.app?.platform === 'win32');
  const context = useMemo(() => ({ takenNames, windows }), [takenNames, windows]);
  const wizard = useNewVmWizard(facts, context);
  const select = useHako((s) => s.select);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const stepsId = useId();
  const { step, run } = wizard;
  const phase = run.state.status === 'done' ? 'done' : wizard.busy ? 'creating' : 'editing';

  // Each new step (and the progress, and the result) is announced by moving focus to its heading.
  const shownAt = phase === 'editing' ? step : phase;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [shownAt]);

  const title =
    phase === 'done' ? t.t('create.done.title', { name: wizard.draft.name }) : phase === 'creating' ? t.t('create.progress.title', { name: wizard.draft.name }) : t.t(`create.step.${step}`);

  return (
    <div className="wizard">
      <nav className="wizard-steps" aria-labelledby={stepsId}>
        <h2 id={stepsId} className="visually-hidden">
          {t.t('create.steps')}
        </h2>
        <ol>
          {NEW_VM_STEPS.map((s, i) => (
            <li key={s}>
              <button
                type="button"
                className="wizard-step"
                aria-current={s === step && phase === 'editing' ? 'step' : undefined}
                disabled={phase !== 'editing' || !wizard.canVisit(s)}
                onClick={() => wizard.goTo(s)}
              >
                <span className="wizard-step-number" aria-hidden="true">
                  {i + 1}
                </span>
                {t.t(`create.step.${s}`)}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <form
        className="wizard-panel"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (phase !== 'editing') return;
          if (step === 'summary') wizard.create();
          else wizard.next();
        }}
      >
        <h2 ref={headingRef} tabIndex={-1} className="wizard-title">
          {title}
        </h2>
        {phase === 'editing' && <p className="muted wizard-intro">{t.t(`create.intro.${step}`)}</p>}
        <div className="wizard-body">
          {phase === 'editing' && <StepContent wizard={wizard} facts={facts} switches={switches} />}
          {phase === 'creating' && <CreateProgress name={wizard.draft.name} state={run.state} onCancel={run.cancel} />}
          {run.state.status === 'done' && <Created path={run.state.path} files={plannedFiles(wizard.draft)} onAnother={onAnother} />}
        </div>
        {phase === 'editing' && (
          <div className="wizard-footer">
            <Button onClick={wizard.back} disabled={step === 'name'}>
              {t.t('create.back')}
            </Button>
            {step === 'summary' ? (
              <Button variant="primary" type="submit" icon="plus">
                {t.t('create.create')}
              </Button>
            ) : (
              <Button variant="primary" type="submit">
                {t.t('create.next')}
              </Button>
            )}
            <Button variant="subtle" onClick={() => select({ kind: 'home' })}>
              {t.t('common.cancel')}
            </Button>
          </div>
        )}
      </form>
    </div>
  );
}

function StepContent({ wizard, facts, switches }: { readonly wizard: NewVmWizard; readonly facts: HostFactsDto; readonly switches: HostSwitches | null }) {
  const t = useT();
  const content: Record<NewVmStep, ReactNode> = {
    name: <NameStep wizard={wizard} />,
    folder: <FolderStep wizard={wizard} />,
    hardware: <HardwareStep wizard={wizard} facts={facts} />,
    disk: <DiskStep wizard={wizard} />,
    media: <MediaStep wizard={wizard} />,
    network: <NetworkStep wizard={wizard} switches={switches} />,
    summary: <SummaryStep wizard={wizard} switches={switches} />,
  };
  const state = wizard.run.state;
  return (
    <>
      {wizard.step === 'summary' && state.status === 'cancelled' && (
        <InfoBar tone="info" title={t.t('create.cancelled.title')}>
          <p>{t.t('create.cancelled.body')}</p>
        </InfoBar>
      )}
      {wizard.step === 'summary' && state.status === 'failed' && (
        <InfoBar tone="error" title={t.t('create.failed.title')}>
          <ErrorDetails error={state.error} />
        </InfoBar>
      )}
      {content[wizard.step]}
    </>
  );
}
