/**
 * The guest's credentials for an enhanced session (the guest's own RDP server signs the user in). Kept
 * only if the user ticks "remember", and only where the operating system encrypts them (the Hako app);
 * the browser host never keeps them, and says so.
 */
import { useState, type FormEvent } from 'react';
import type { GuestCredentialsDto } from '../../../../app/ipc/contract.js';
import { useT } from '../../i18n/context.js';
import { Button } from '../../kit/Button/Button.js';
import { Checkbox } from '../../kit/Checkbox/Checkbox.js';
import { Dialog } from '../../kit/Dialog/Dialog.js';
import { Field } from '../../kit/Field/Field.js';
import { TextField } from '../../kit/TextField/TextField.js';

export function CredentialsDialog({
  vmName,
  initial,
  canRemember,
  rejected,
  onSubmit,
  onCancel,
}: {
  readonly vmName: string;
  readonly initial: { readonly username: string; readonly domain: string };
  readonly canRemember: boolean;
  /** The guest refused the last ones. */
  readonly rejected: boolean;
  readonly onSubmit: (credentials: GuestCredentialsDto, remember: boolean) => void;
  readonly onCancel: () => void;
}) {
  const { t } = useT();
  const [username, setUsername] = useState(initial.username);
  const [domain, setDomain] = useState(initial.domain);
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const formId = 'screen-credentials-form';
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (username.trim() === '') return;
    onSubmit({ username: username.trim(), domain: domain.trim(), password }, remember && canRemember);
  };
  return (
    <Dialog
      title={t('screen.credentials.title', { name: vmName })}
      onClose={onCancel}
      footer={
        <>
          <Button variant="primary" disabled={username.trim() === ''} onClick={() => submit()}>
            {t('screen.credentials.connect')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </>
      }
    >
      <form id={formId} className="screen-credentials" onSubmit={submit}>
        <p>{rejected ? t('screen.credentials.rejected') : t('screen.credentials.intro')}</p>
        <TextField label={t('screen.credentials.username')} value={username} onChange={setUsername} autoFocus={initial.username === ''} name="username" />
        <Field frame={{ label: t('screen.credentials.password') }}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="password"
              name="password"
              autoComplete="off"
              value={password}
              autoFocus={initial.username !== ''}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <TextField label={t('screen.credentials.domain')} help={t('screen.credentials.domainHelp')} value={domain} onChange={setDomain} name="domain" />
        {canRemember ? (
          <Checkbox label={t('screen.credentials.remember')} help={t('screen.credentials.rememberHelp')} checked={remember} onChange={setRemember} />
        ) : (
          <p className="muted small">{t('screen.credentials.notKept')}</p>
        )}
        {/* Enter in any field submits. */}
        <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
      </form>
    </Dialog>
  );
}
