/**
 * The VM's serial consoles: one per COM port its file connects to a named pipe. This module and xterm
 * come in a chunk of their own (VmPage loads it lazily), so the first load does not carry them.
 */
import { useState } from 'react';
import { COM_PORTS, comPortPipe, type ComPortName } from '../../../../../app/console/com-ports.js';
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { useT } from '../../../i18n/context.js';
import { EmptyState } from '../../../kit/EmptyState/EmptyState.js';
import { Segmented } from '../../../kit/Segmented/Segmented.js';
import { ConsolePanel } from './ConsolePanel.js';
import './ConsoleTab.css';

/** The ports of a VM that have a console. */
export function consolePorts(vm: Pick<VmSnapshotDto, 'config'>): ComPortName[] {
  return COM_PORTS.filter((port) => comPortPipe(vm.config, port) !== null);
}

export default function ConsoleTab({ vm }: { readonly vm: VmSnapshotDto }) {
  const { t } = useT();
  const ports = consolePorts(vm);
  const [chosen, setChosen] = useState<ComPortName | null>(null);
  const port = chosen !== null && ports.includes(chosen) ? chosen : ports[0];
  if (port === undefined) return <EmptyState icon="console" title={t('console.none')} />;
  return (
    <div className="console-tab">
      {ports.length > 1 && <Segmented label={t('console.port')} value={port} options={ports.map((p) => ({ value: p, label: p }))} onChange={setChosen} />}
      <ConsolePanel key={port} vm={vm} port={port} />
    </div>
  );
}
