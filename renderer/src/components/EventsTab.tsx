/** The VM's own event log (vm.events): starts, stops, failures with their details, newest first. */
import { useEffect, useState } from 'react';
import type { CallOutput, VmSnapshotDto } from '../../../app/ipc/contract.js';
import { useHako } from '../context.js';
import { Icon } from './icons.js';
import { Button, EmptyState } from './ui.js';

type Entry = CallOutput<'vm.events'>[number];

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function EventsTab({ vm }: { readonly vm: VmSnapshotDto }) {
  const call = useHako((s) => s.call);
  const revision = useHako((s) => s.revision[vm.path] ?? 0);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [manual, setManual] = useState(0);

  useEffect(() => {
    let current = true;
    void call('Could not read the event log', (api) => api.invoke('vm.events', { path: vm.path })).then((list) => {
      if (current && list) setEntries([...list].sort((a, b) => b.time - a.time));
    });
    return () => {
      current = false;
    };
  }, [call, vm.path, revision, manual]);

  return (
    <div className="events">
      <div className="toolbar-row">
        <p className="muted">What happened to this VM since Hako opened it. Newest first.</p>
        <Button icon="refresh" variant="subtle" onClick={() => setManual((n) => n + 1)}>
          Refresh
        </Button>
      </div>
      {entries === null ? null : entries.length === 0 ? (
        <EmptyState icon="list" title="Nothing has happened yet" />
      ) : (
        <table className="table events-table">
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
              <tr key={`${e.time}-${i}`} className={`level-${e.level}`}>
                <td className="nowrap muted">{timeFormat.format(e.time)}</td>
                <td className="nowrap">
                  <span className={`level level-${e.level}`}>
                    <Icon name={e.level === 'error' ? 'error' : e.level === 'warning' ? 'warning' : 'info'} />
                    {e.level === 'error' ? 'Error' : e.level === 'warning' ? 'Warning' : 'Info'}
                  </span>
                </td>
                <td>
                  {e.message}
                  {e.details && Object.keys(e.details).length > 0 && (
                    <details className="event-details">
                      <summary>Details</summary>
                      <pre className="code-block">{JSON.stringify(e.details, null, 2)}</pre>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
