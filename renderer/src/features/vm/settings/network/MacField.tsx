/**
 * An adapter's MAC address: dynamic (empty in the file: Windows assigns one at the first start, and
 * Hako writes it back, as NanaBox does) or static (typed, or generated in the locally administered
 * range, app/network/mac.ts).
 */
import { locallyAdministeredMac } from '../../../../../../app/network/mac.js';
import { useT } from '../../../../i18n/context.js';
import { Button } from '../../../../kit/Button/Button.js';
import { Segmented } from '../../../../kit/Segmented/Segmented.js';
import { TextField } from '../../../../kit/TextField/TextField.js';
import { findingText } from '../../findings/findings.js';
import { useDraftField } from '../editor/hooks.js';

type MacMode = 'dynamic' | 'static';

const generate = () => locallyAdministeredMac(crypto.getRandomValues(new Uint8Array(6)));

export function MacField({ at, n, started }: { readonly at: string; readonly n: number; readonly started: boolean }) {
  const tr = useT();
  const { t } = tr;
  const mac = useDraftField<string>(`${at}/MacAddress`);
  const mode: MacMode = mac.value === '' ? 'dynamic' : 'static';
  return (
    <div className="mac-field">
      <span className="field-label" aria-hidden="true">
        {t('settings.network.mac.title')}
      </span>
      <Segmented<MacMode>
        label={t('settings.network.mac.kind', { n })}
        value={mode}
        options={[
          { value: 'dynamic', label: t('settings.network.mac.dynamic') },
          { value: 'static', label: t('settings.network.mac.static') },
        ]}
        onChange={(next) => mac.set(next === 'dynamic' ? '' : generate())}
      />
      {mode === 'static' && (
        <TextField
          label={t('settings.network.mac', { n })}
          value={mac.value}
          onChange={(typed) => mac.set(typed.trim().toUpperCase().replace(/:/g, '-'))}
          mono
          errors={mac.errors.map((f) => findingText(tr, f))}
          warnings={mac.warnings.map((f) => findingText(tr, f))}
          help={started ? t('settings.network.mac.help.started') : t('settings.network.mac.help')}
          suffix={
            <Button variant="subtle" onClick={() => mac.set(generate())} label={t('settings.network.mac.generate.label', { n })}>
              {t('settings.network.mac.generate')}
            </Button>
          }
        />
      )}
      {mode === 'dynamic' && <p className="muted small">{t('settings.network.mac.dynamic.help')}</p>}
    </div>
  );
}
