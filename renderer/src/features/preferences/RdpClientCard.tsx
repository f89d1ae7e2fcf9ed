/**
 * Which program shows a VM's screen: the one Hako finds (mstsc on Windows, xfreerdp elsewhere) or a
 * command line of the user's own, with {port} or {file}.
 */
import { useState } from 'react';
import type { PreferenceHints } from '../../../../app/ipc/contract.js';
import { rdpCommandProblem } from '../../../../app/session/rdp-command.js';
import { useT } from '../../i18n/context.js';
import { Card } from '../../kit/Card/Card.js';
import { Segmented } from '../../kit/Segmented/Segmented.js';
import { TextPreferenceField } from './TextPreferenceField.js';
import { useTextPreference } from './use-text-preference.js';
import './RdpClientCard.css';

type Choice = 'found' | 'custom';

export function RdpClientCard({ hints }: { readonly hints: PreferenceHints | null }) {
  const { t } = useT();
  const command = useTextPreference('rdpClientCommand', (text) => {
    const problem = rdpCommandProblem(text);
    if (problem === null) return null;
    return problem.code === 'unclosed' ? t('preferences.rdp.problem.unclosed', { quote: problem.quote }) : t('preferences.rdp.problem.empty');
  });
  const [choice, setChoice] = useState<Choice>(command.saved.trim() !== '' ? 'custom' : 'found');
  const found = hints?.rdpClient ?? null;

  return (
    <Card title={t('preferences.rdp')}>
      <p className="muted">{t('preferences.rdp.intro')}</p>
      <Segmented<Choice>
        label={t('preferences.rdp.choice')}
        value={choice}
        options={[
          { value: 'found', label: found === null ? t('preferences.rdp.foundNone') : t('preferences.rdp.found', { name: found.name }) },
          { value: 'custom', label: t('preferences.rdp.custom') },
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
          label={t('preferences.rdp.command')}
          preference={command}
          placeholder={t('preferences.rdp.command.example')}
          help={[t('preferences.rdp.command.help'), hints?.customRdpClient === 'protected-folders' ? t('preferences.rdp.command.protected') : ''].filter(Boolean).join(' ')}
        />
      )}
    </Card>
  );
}

function FoundClient({ hints }: { readonly hints: PreferenceHints | null }) {
  const { t } = useT();
  if (hints === null) return null;
  const found = hints.rdpClient;
  if (found === null) return <p role="status">{t('preferences.rdp.none')}</p>;
  return (
    <div role="status" className="rdp-found">
      <p>{t('preferences.rdp.runs')}</p>
      <code className="rdp-command">{found.command}</code>
      {found.source === 'environment' && <p className="muted">{t('preferences.rdp.fromEnvironment')}</p>}
    </div>
  );
}
