/** The VM's own event log (kept in Hako's data folder across restarts): every action, failures with their details, newest first. */
import clsx from 'clsx';
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { Button } from '../../../kit/Button/Button.js';
import { CodeBlock } from '../../../kit/CodeBlock/CodeBlock.js';
import { Disclosure } from '../../../kit/Disclosure/Disclosure.js';
import { EmptyState } from '../../../kit/EmptyState/EmptyState.js';
import { Icon, type IconName } from '../../../kit/Icon/Icon.js';
import { Table } from '../../../kit/Table/Table.js';
import { useVmEvents, type VmEvent } from './use-vm-events.js';
import './EventsTab.css';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

const LEVELS: Readonly<Record<VmEvent['level'], { readonly icon: IconName; readonly label: string }>> = {
  error: { icon: 'error', label: 'Error' },
  warning: { icon: 'warning', label: 'Warning' },
  info: { icon: 'info', label: 'Info' },
};

export function EventsTab({ vm }: { readonly vm: VmSnapshotDto }) {
  const { data: entries, reload } = useVmEvents(vm.path);
  return (
    <div className="events">
      <div className="toolbar-row">
        <p className="muted">What happened to this VM, kept across restarts of Hako. Newest first.</p>
        <Button icon="refresh" variant="subtle" onClick={reload}>
          Refresh
        </Button>
      </div>
      {entries === null ? null : entries.length === 0 ? (
        <EmptyState icon="list" title="Nothing has happened yet" />
      ) : (
        <Table className="events-table">
          <caption className="visually-hidden">Events of {vm.path}</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Level</th>
              <th scope="col">Event</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={`${e.time}-${i}`}>
                <td className="nowrap muted">{timeFormat.format(e.time)}</td>
                <td className="nowrap">
                  <span className={clsx('level', `level-${e.level}`)}>
                    <Icon name={LEVELS[e.level].icon} />
                    {LEVELS[e.level].label}
                  </span>
                </td>
                <td>
                  {e.message}
                  {e.details && Object.keys(e.details).length > 0 && (
                    <Disclosure summary="Details">
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
