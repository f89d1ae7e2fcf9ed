/** What a bulk action did to each VM, as it goes: one line per VM, and a count of each outcome. */
import { useId } from 'react';
import { ACTION_LABELS, VM_STATE_LABELS } from '../../../../app/vm/labels.js';
import { Button } from '../../kit/Button/Button.js';
import { Icon, type IconName } from '../../kit/Icon/Icon.js';
import { useHako, useHakoStore } from '../../store/context.js';
import type { BulkAction, BulkResult } from '../../store/index.js';
import './BulkResults.css';

const DONE: Readonly<Record<BulkAction, string>> = { start: 'Started', shutdown: 'Shut down', save: 'Saved', powerOff: 'Powered off' };

function outcomeText(action: BulkAction, result: BulkResult): string {
  switch (result.status) {
    case 'running':
      return 'Working…';
    case 'done':
      return DONE[action];
    case 'timeout':
      return 'Still running: the guest did not shut down in time';
    case 'failed':
      return `Failed: ${result.error.message}`;
    case 'busy':
      return 'Skipped: another action on it is under way';
    case 'skipped':
      return result.state === null ? 'Skipped: no longer in the library' : `Skipped: it is ${VM_STATE_LABELS[result.state].replace('…', '').toLowerCase()}`;
  }
}

const ICONS: Readonly<Record<BulkResult['status'], IconName>> = { running: 'clock', done: 'check', timeout: 'warning', failed: 'error', busy: 'info', skipped: 'info' };

export function BulkResults() {
  const store = useHakoStore();
  const headingId = useId();
  const bulk = useHako((s) => s.bulk);
  if (bulk === null) return null;
  const results = bulk.paths.map((path) => ({ path, result: bulk.results[path]! }));
  const count = (...statuses: BulkResult['status'][]) => results.filter(({ result }) => statuses.includes(result.status)).length;
  const summary = [
    `${count('done')} done`,
    count('failed', 'timeout') > 0 ? `${count('failed', 'timeout')} failed` : null,
    count('skipped', 'busy') > 0 ? `${count('skipped', 'busy')} skipped` : null,
    count('running') > 0 ? `${count('running')} working` : null,
  ].filter((part): part is string => part !== null);
  return (
    <section className="bulk-results" aria-labelledby={headingId}>
      <header className="bulk-results-head">
        <h2 id={headingId} className="bulk-results-title">
          {ACTION_LABELS[bulk.action]}: {summary.join(', ')}
        </h2>
        <Button variant="subtle" icon="close" label="Close the results" disabled={!bulk.finished} onClick={() => store.getState().dismissBulk()} />
      </header>
      {/* Said once, when every VM has its result. */}
      <p role="status" className="visually-hidden">
        {bulk.finished ? `${ACTION_LABELS[bulk.action]} finished: ${summary.join(', ')}` : ''}
      </p>
      <ul className="bulk-results-list" aria-labelledby={headingId}>
        {results.map(({ path, result }) => (
          <li key={path} className={`bulk-result bulk-result-${result.status}`}>
            <Icon name={ICONS[result.status]} />
            <span className="bulk-result-name">{store.getState().library.get(path)?.name ?? path}</span>
            <span className="bulk-result-text">{outcomeText(bulk.action, result)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
