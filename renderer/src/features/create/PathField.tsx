/**
 * A path in a text box with a Browse button for the system's dialog (`app.pickPath`: disks, images or
 * folders, with the right filters). Where the shell has no dialog (the browser host) there is no Browse
 * button and the typed path is all there is; the field's checks apply to both.
 */
import { useState } from 'react';
import { hasErrorCode } from '../../../../app/errors/codes.js';
import type { PickPathKind } from '../../../../app/ipc/contract.js';
import { useApi } from '../../api/context.js';
import { Button } from '../../kit/Button/Button.js';
import { TextField } from '../../kit/TextField/TextField.js';
import { useHako } from '../../store/context.js';
import { attempt } from '../../store/outcome.js';
import { useT } from '../../i18n/context.js';

export interface PathFieldProps {
  readonly label: string;
  readonly kind: PickPathKind;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly help?: string | undefined;
  readonly errors?: readonly string[] | undefined;
  readonly warnings?: readonly string[] | undefined;
  readonly placeholder?: string;
  readonly autoFocus?: boolean;
}

export function PathField({ label, kind, value, onChange, help, errors, warnings, placeholder, autoFocus }: PathFieldProps) {
  const api = useApi();
  const t = useT();
  const hasDialog = useHako((s) => s.app?.transport === 'electron');
  const notify = useHako((s) => s.notify);
  const [dialogMissing, setDialogMissing] = useState(false);
  const [browsing, setBrowsing] = useState(false);

  const browse = async () => {
    setBrowsing(true);
    const outcome = await attempt(() => api.invoke('app.pickPath', { kind }));
    setBrowsing(false);
    if (outcome.ok) {
      if (outcome.value !== null) onChange(outcome.value);
    } else if (hasErrorCode(outcome.error, 'NotSupported')) {
      // No dialog after all: the typed path stays, and the help says to type it.
      setDialogMissing(true);
    } else {
      notify({ kind: 'message', tone: 'error', title: t.t('create.path.browseFailed'), error: outcome.error });
    }
  };

  const browsable = hasDialog && !dialogMissing;
  return (
    <TextField
      label={label}
      value={value}
      onChange={onChange}
      mono
      placeholder={placeholder}
      autoFocus={autoFocus}
      help={browsable ? help : [help, t.t('create.path.typeIt')].filter(Boolean).join(' ')}
      errors={errors}
      warnings={warnings}
      suffix={
        browsable && (
          <Button icon="folder" disabled={browsing} onClick={() => void browse()} label={t.t('create.path.browseLabel', { field: label })}>
            {t.t('create.path.browse')}
          </Button>
        )
      }
    />
  );
}
