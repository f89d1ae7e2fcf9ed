/** The VM's own event log (kept in Hako's data folder across restarts): every action, failures with their details, newest first. */
import clsx from 'clsx';
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { useT } from '../../../i18n/context.js';
import { Button } from '../../../kit/Button/Button.js';
import { CodeBlock } from '../../../kit/CodeBlock/CodeBlock.js';
import { Disclosure } from '../../../kit/Disclosure/Disclosure.js';
import { EmptyState } from '../../../kit/EmptyState/EmptyState.js';
import { Icon, type IconName } from '../../../kit/Icon/Icon.js';
import { Table } from '../../../kit/Table/Table.js';
import { useVmEvents, type VmEvent } from './use-vm-events.js';
import './EventsTab.css';

const LEVEL_ICONS: Readonly<Record<VmEvent['level'], IconName>> = { error: 'error', warning: 'warning', info: 'info' };

export function EventsTab({ vm }: { readonly vm: VmSnapshotDto }) {
  const tr = useT();
  const { t } = tr;
  const { data: entries, reload } = useVmEvents(vm.path);
  return (
    <div className="events">
      <div className="toolbar-row">
        <p className="muted">{t('events.intro')}</p>
        <Button icon="refresh" variant="subtle" onClick={reload}>
          {t('common.refresh')}
        </Button>
      </div>
      {entries === null ? null : entries.length === 0 ? (
        <EmptyState icon="list" title={t('events.empty')} />
      ) : (
        <Table className="events-table">
          <caption className="visually-hidden">{t('events.caption', { path: vm.path })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('events.time')}</th>
              <th scope="col">{t('events.level')}</th>
              <th scope="col">{t('events.event')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={`${e.time}-${i}`}>
                <td className="nowrap muted">{tr.dateTime(e.time)}</td>
                <td className="nowrap">
                  <span className={clsx('level', `level-${e.level}`)}>
                    <Icon name={LEVEL_ICONS[e.level]} />
                    {t(`events.level.${e.level}`)}
                  </span>
                </td>
                <td>
                  {e.message}
                  {e.details && Object.keys(e.details).length > 0 && (
                    <Disclosure summary={t('common.details')}>
                      <CodeBlock>{JSON.stringify(e.details, null, 2)}</CodeBlock>
                    </Disclosure>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
