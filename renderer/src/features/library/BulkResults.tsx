/** What a bulk action did to each VM, as it goes: one line per VM, and a count of each outcome. */
import { useId } from 'react';
import { actionLabel, stateLabel } from '../../../../app/i18n/text.js';
import type { Translator } from '../../../../app/i18n/translator.js';
import { useT } from '../../i18n/context.js';
import { Button } from '../../kit/Button/Button.js';
import { Icon, type IconName } from '../../kit/Icon/Icon.js';
import { useHako, useHakoStore } from '../../store/context.js';
import type { BulkAction, BulkResult } from '../../store/index.js';
import './BulkResults.css';

function outcomeText(tr: Translator, action: BulkAction, result: BulkResult): string {
  switch (result.status) {
    case 'running':
      return tr.t('library.bulk.result.running');
    case 'done':
      return tr.t(`library.bulk.result.${action}`);
    case 'timeout':
      return tr.t('library.bulk.result.timeout');
    case 'failed':
      return tr.t('library.bulk.result.failed', { message: result.error.message });
    case 'busy':
      return tr.t('library.bulk.result.busy');
    case 'skipped':
      return tr.t('library.bulk.result.skipped', { state: stateLabel(tr, result.state) });
  }
}

const ICONS: Readonly<Record<BulkResult['status'], IconName>> = { running: 'clock', done: 'check', timeout: 'warning', failed: 'error', busy: 'info', skipped: 'info' };

export function BulkResults() {
  const tr = useT();
  const { t } = tr;
  const store = useHakoStore();
  const headingId = useId();
  const bulk = useHako((s) => s.bulk);
  if (bulk === null) return null;
  const results = bulk.paths.map((path) => ({ path, result: bulk.results[path]! }));
  const count = (...statuses: BulkResult['status'][]) => results.filter(({ result }) => statuses.includes(result.status)).length;
  const failed = count('failed', 'timeout');
  const skipped = count('skipped', 'busy');
  const working = count('running');
  const summary = tr.list(
    [
      t('library.bulk.done', { count: count('done') }),
      ...(failed > 0 ? [t('library.bulk.failed', { count: failed })] : []),
      ...(skipped > 0 ? [t('library.bulk.skipped', { count: skipped })] : []),
      ...(working > 0 ? [t('library.bulk.working', { count: working })] : []),
    ],
    'conjunction',
  );
  const action = actionLabel(tr, bulk.action);
  return (
    <section className="bulk-results" aria-labelledby={headingId}>
      <header className="bulk-results-head">
        <h2 id={headingId} className="bulk-results-title">
          {t('library.bulk.title', { action, summary })}
        </h2>
        <Button variant="subtle" icon="close" label={t('library.bulk.close')} disabled={!bulk.finished} onClick={() => store.getState().dismissBulk()} />
      </header>
      {/* Said once, when every VM has its result. */}
      <p role="status" className="visually-hidden">
        {bulk.finished ? t('library.bulk.finished', { action, summary }) : ''}
      </p>
      <ul className="bulk-results-list" aria-labelledby={headingId}>
        {results.map(({ path, result }) => (
          <li key={path} className={`bulk-result bulk-result-${result.status}`}>
            <Icon name={ICONS[result.status]} />
            <span className="bulk-result-name">{store.getState().library.get(path)?.name ?? path}</span>
            <span className="bulk-result-text">{outcomeText(tr, bulk.action, result)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
