/**
 * Which program shows a VM's screen: the one Hako finds (mstsc on Windows, xfreerdp elsewhere) or a
 * command line of the user's own, with {port} or {file}.
 */
import { useState } from 'react';
import type { PreferenceHints } from '../../../../app/ipc/contract.js';
import { rdpCommandProblem } from '../../../../app/session/rdp-command.js';
import { Card } from '../../kit/Card/Card.js';
import { Segmented } from '../../kit/Segmented/Segmented.js';
import { TextPreferenceField } from './TextPreferenceField.js';
import { useTextPreference } from './use-text-preference.js';

type Choice = 'found' | 'custom';

export function RdpClientCard({ hints }: { readonly hints: PreferenceHints | null }) {
  const command = useTextPreference('rdpClientCommand', rdpCommandProblem);
  const [choice, setChoice] = useState<Choice>(command.saved.trim() !== '' ? 'custom' : 'found');
  const found = hints?.rdpClient ?? null;
  const foundLabel = found === null ? 'The one Hako finds' : `${found.name} (found)`;

  return (
    <Card title="Remote Desktop client">
      <p className="muted">The program that shows a VM’s screen when you choose Connect.</p>
      <Segmented<Choice>
        label="RDP client"
        value={choice}
        options={[
          { value: 'found', label: foundLabel },
          { value: 'custom', label: 'A command of my own' },
        ]}
        onChange={(next) => {
          setChoice(next);
          if (next === 'found' && command.saved !== '') void command.set('');
        }}
      />
      {choice === 'found' ? (
        <FoundClient hints={hints} />
      ) : (
        <TextPreferenceField
          label="Command line"
          preference={command}
          placeholder="xfreerdp /v:127.0.0.1:{port} /cert:ignore"
          help={`{port} stands for the port of the VM’s screen on 127.0.0.1, {file} for a .rdp file Hako writes; without either, the file is added at the end.${
            hints?.customRdpClient === 'protected-folders' ? ' Hako runs as administrator, so it runs only a program in Program Files or the Windows folder.' : ''
          }`}
        />
      )}
    </Card>
  );
}

function FoundClient({ hints }: { readonly hints: PreferenceHints | null }) {
  if (hints === null) return null;
  const found = hints.rdpClient;
  if (found === null) {
    return <p role="status">No RDP client was found on this computer. Install FreeRDP (xfreerdp), or choose a command of your own.</p>;
  }
  return (
    <p role="status">
      Hako runs <code>{found.command}</code>
      {found.source === 'environment' ? ', set by HAKO_RDP_CLIENT.' : '.'}
    </p>
  );
}
