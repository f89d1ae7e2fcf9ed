/**
 * Whether the draft is saved, what blocks saving, and Save and Discard (Ctrl+S saves). It sticks to
 * the bottom of the page, within the page's width, so Save sits under the form it saves.
 */
import { useEffect } from 'react';
import { errorText } from '../../../../../app/i18n/text.js';
import type { Translator } from '../../../../../app/i18n/translator.js';
import { useT } from '../../../i18n/context.js';
import { Button } from '../../../kit/Button/Button.js';
import { Icon } from '../../../kit/Icon/Icon.js';
import { Spinner } from '../../../kit/Spinner/Spinner.js';
import { useEditorState } from './editor/hooks.js';
import './SaveBar.css';

function statusText(tr: Translator, saving: boolean, errorCount: number, dirty: boolean, saved: boolean): string {
  if (saving) return tr.t('settings.status.saving');
  if (errorCount > 0) return tr.t('settings.status.attention', { count: errorCount });
  if (dirty) return tr.t('settings.status.unsaved');
  return tr.t(saved ? 'settings.status.saved' : 'settings.status.clean');
}

export function SaveBar() {
  const tr = useT();
  const { t } = tr;
  const dirty = useEditorState((s) => s.dirty);
  const saving = useEditorState((s) => s.saving);
  const validating = useEditorState((s) => s.validating);
  const saveError = useEditorState((s) => s.saveError);
  const saved = useEditorState((s) => s.savedAt !== null);
  const errorCount = useEditorState((s) => s.issues.filter((f) => f.severity === 'error').length);
  const discard = useEditorState((s) => s.discard);
  const save = useEditorState((s) => s.save);
  const canSave = dirty && !saving && errorCount === 0;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 's') return;
      event.preventDefault();
      if (canSave && document.querySelector('dialog[open]') === null) void save();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [canSave, save]);

  return (
    <div className="savebar" role="region" aria-label={t('settings.savebar')}>
      <div className="savebar-status" role="status">
        <Icon name={errorCount > 0 ? 'error' : dirty ? 'info' : 'check'} className={errorCount > 0 ? 'text-danger' : dirty ? 'text-accent' : 'text-success'} />
        <span>{statusText(tr, saving, errorCount, dirty, saved)}</span>
        {validating && <Spinner label={t('settings.checking')} size="small" />}
      </div>
      {saveError && (
        <p className="savebar-error" role="alert">
          {saveError.code === 'Invalid' ? t('settings.fixFirst') : errorText(tr, saveError).message}
        </p>
      )}
      <div className="savebar-actions">
        <Button onClick={discard} disabled={!dirty || saving} focusableWhenDisabled>
          {t('settings.discard')}
        </Button>
        <Button variant="primary" icon="save" onClick={() => void save()} disabled={!canSave} focusableWhenDisabled title={t('settings.save.shortcut')}>
          {t('settings.save')}
        </Button>
      </div>
    </div>
  );
}
