/**
 * The wizard once Create is pressed: the progress (the disk is the long part) with Cancel, then the new
 * VM with Start and Connect — or back to the summary after a cancel (nothing left behind) or a failure.
 */
import { hasScreen } from '../../../../app/vm/state.js';
import { Button } from '../../kit/Button/Button.js';
import { useHako, useVmSummary } from '../../store/context.js';
import { useRunVmAction } from '../vm/actions/use-vm-actions.js';
import { useSession } from '../vm/overview/use-session-mode.js';
import { VmStateBadge } from '../vm/state/VmStateBadge.js';
import type { PlannedFiles } from './new-vm-draft.js';
import type { RunState } from './use-operation-run.js';
import { useT } from '../../i18n/context.js';

export function CreateProgress({ name, state, onCancel }: { readonly name: string; readonly state: RunState; readonly onCancel: () => void }) {
  const t = useT();
  const running = state.status === 'running' ? state : null;
  const label = t.t('create.progress.label', { name });
  return (
    <div className="stack" role="status">
      <progress className="wizard-progress" value={running?.completed ?? 0} max={running?.total ?? 1} aria-label={label} />
      <p>{running?.cancelling ? t.t('create.progress.cancelling') : t.t('create.progress.body')}</p>
      <div className="wizard-actions">
        <Button onClick={onCancel} disabled={running === null || running.cancelling}>
          {t.t('create.progress.cancel')}
        </Button>
      </div>
    </div>
  );
}

/** The new VM, ready: start it, connect to its screen, or go to its page. */
export function Created({ path, files, onAnother }: { readonly path: string; readonly files: PlannedFiles; readonly onAnother: () => void }) {
  const t = useT();
  const vm = useVmSummary(path);
  const busy = useHako((s) => s.busy[path]);
  const select = useHako((s) => s.select);
  const runAction = useRunVmAction();
  const session = useSession(path, vm ? vm.name : path);
  const canStart = vm?.actions.includes('start') === true && busy === undefined;
  const canConnect = vm !== undefined && hasScreen(vm.state);
  return (
    <div className="stack">
      <p>{t.t('create.done.body')}</p>
      <ul className="planned-files-list">
        {[files.folder, files.sevenB, ...(files.disk ? [files.disk] : [])].map((file) => (
          <li key={file}>
            <code className="mono">{file}</code>
          </li>
        ))}
      </ul>
      {vm && (
        <p className="wizard-state">
          {t.t('create.done.state')} <VmStateBadge state={vm.state} />
        </p>
      )}
      <div className="wizard-actions">
        <Button variant="primary" icon="play" disabled={!canStart} onClick={() => void runAction(path, 'start')}>
          {t.t('create.done.start')}
        </Button>
        <Button icon="monitor" disabled={!canConnect || session.connecting || session.mode === null} onClick={session.connect} title={canConnect ? undefined : t.t('create.done.connectHint')}>
          {t.t('create.done.connect')}
        </Button>
        <Button onClick={() => select({ kind: 'vm', path })}>{t.t('create.done.show')}</Button>
        <Button variant="subtle" onClick={onAnother}>
          {t.t('create.done.another')}
        </Button>
      </div>
    </div>
  );
}
