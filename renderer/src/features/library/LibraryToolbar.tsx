/**
 * Above the start page's grid: the sort and the state filter (the pane's list follows them too),
 * "Select all shown", and, while VMs are selected, the bulk actions.
 */
import { useId, useState } from 'react';
import { actionLabel } from '../../../../app/i18n/text.js';
import { useT } from '../../i18n/context.js';
import { Button } from '../../kit/Button/Button.js';
import { Dialog } from '../../kit/Dialog/Dialog.js';
import type { IconName } from '../../kit/Icon/Icon.js';
import { useHako, useHakoStore } from '../../store/context.js';
import { BULK_ACTIONS, LIBRARY_SORTS, STATE_FILTERS, type BulkAction, type LibrarySort, type StateFilter } from '../../store/index.js';
import { QueryStatus } from './LibrarySearch.js';
import './LibraryToolbar.css';

const BULK_ICONS: Readonly<Record<BulkAction, IconName>> = { start: 'play', shutdown: 'power', save: 'save', powerOff: 'plug' };

export function LibraryToolbar() {
  const tr = useT();
  const { t } = tr;
  const store = useHakoStore();
  const sortId = useId();
  const filterId = useId();
  const sort = useHako((s) => s.query.sort);
  const stateFilter = useHako((s) => s.query.state);
  const setQuery = useHako((s) => s.setQuery);
  const visible = useHako((s) => s.visible);
  const selected = useHako((s) => s.selected);
  // A selected VM that left the library (removed, or gone after a reconnection) is not counted.
  const selectedCount = useHako((s) => {
    let count = 0;
    for (const path of s.selected) if (s.library.has(path)) count++;
    return count;
  });
  const running = useHako((s) => s.bulk !== null && !s.bulk.finished);
  // Power off is a hard power cut: asked first, as on a VM's page.
  const [confirmPowerOff, setConfirmPowerOff] = useState(false);
  const run = (action: BulkAction) => {
    if (action === 'powerOff') setConfirmPowerOff(true);
    else void store.getState().runBulk(action);
  };
  const allShownSelected = visible.length > 0 && visible.every((path) => selected.has(path));
  const someShownSelected = !allShownSelected && visible.some((path) => selected.has(path));

  const toggleAllShown = (on: boolean) => {
    const state = store.getState();
    if (on) state.selectAll(visible);
    else for (const path of visible) state.setSelected(path, false);
  };

  return (
    <div className="library-toolbar">
      <div className="library-toolbar-row">
        <label className="library-select-all">
          <input
            type="checkbox"
            checked={allShownSelected}
            ref={(element) => {
              if (element) element.indeterminate = someShownSelected;
            }}
            disabled={visible.length === 0}
            onChange={(event) => toggleAllShown(event.target.checked)}
          />
          {t('library.selectAllShown')}
        </label>
        <QueryStatus className="library-toolbar-status" />
        <span className="library-toolbar-spacer" />
        <span className="library-toolbar-control">
          <label className="library-toolbar-field" htmlFor={sortId}>
            {t('library.sort.label')}
          </label>
          <select id={sortId} className="input select library-toolbar-select" value={sort} onChange={(event) => setQuery({ sort: event.target.value as LibrarySort })}>
            {LIBRARY_SORTS.map((option) => (
              <option key={option} value={option}>
                {t(`library.sort.${option}`)}
              </option>
            ))}
          </select>
        </span>
        <span className="library-toolbar-control">
          <label className="library-toolbar-field" htmlFor={filterId}>
            {t('library.filter.label')}
          </label>
          <select id={filterId} className="input select library-toolbar-select" value={stateFilter} onChange={(event) => setQuery({ state: event.target.value as StateFilter })}>
            {STATE_FILTERS.map((filter) => (
              <option key={filter} value={filter}>
                {t(`library.filter.${filter}`)}
              </option>
            ))}
          </select>
        </span>
      </div>
      {selectedCount > 0 && (
        <div className="library-bulk" role="group" aria-label={t('library.bulk.label')}>
          <span className="library-bulk-count">{t('library.bulk.count', { count: selectedCount })}</span>
          {BULK_ACTIONS.map((action) => (
            <Button key={action} icon={BULK_ICONS[action]} variant="subtle" disabled={running} onClick={() => run(action)}>
              {actionLabel(tr, action)}
            </Button>
          ))}
          <span className="library-toolbar-spacer" />
          <Button variant="subtle" onClick={() => store.getState().clearSelection()}>
            {t('library.bulk.clear')}
          </Button>
        </div>
      )}
      {confirmPowerOff && (
        <Dialog
          alert
          title={t('library.bulk.confirmPowerOff', { count: selectedCount })}
          onClose={() => setConfirmPowerOff(false)}
          footer={
            <>
              <Button
                variant="danger"
                onClick={() => {
                  setConfirmPowerOff(false);
                  void store.getState().runBulk('powerOff');
                }}
              >
                {t('vm.confirm.powerOff.button')}
              </Button>
              <Button onClick={() => setConfirmPowerOff(false)} autoFocus>
                {t('common.cancel')}
              </Button>
            </>
          }
        >
          <p>{t('vm.confirm.powerOff.body')}</p>
        </Dialog>
      )}
    </div>
  );
}
