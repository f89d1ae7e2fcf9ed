/** State files, compatibility policies, the keys NanaBox does not read, and the text saving writes. */
import { useMemo } from 'react';
import { POLICY_FEATURE_BITS } from '../../../../../../app/config/model.js';
import { useT } from '../../../../i18n/context.js';
import { CheckboxGroup } from '../../../../kit/Checkbox/CheckboxGroup.js';
import { Checkbox } from '../../../../kit/Checkbox/Checkbox.js';
import { CodeBlock } from '../../../../kit/CodeBlock/CodeBlock.js';
import { useDraft, useEditorState, useUpdate } from '../editor/hooks.js';
import { CONFIG_POINTER } from '../editor/pointer.js';
import { fileUnknownKeys } from '../editor/unknown-keys.js';
import { DraftTextField } from '../fields/DraftFields.js';
import { UnknownKeysTable } from './UnknownKeysTable.js';
import './AdvancedSection.css';

const P = CONFIG_POINTER;
const KNOWN_POLICIES = Object.keys(POLICY_FEATURE_BITS) as (keyof typeof POLICY_FEATURE_BITS)[];

export function AdvancedSection() {
  const { t } = useT();
  const name = useDraft((c) => c.Name);
  return (
    <div className="stack">
      <h3 className="subheading">{t('settings.advanced.stateFiles')}</h3>
      <div className="form-grid">
        <DraftTextField pointer={`${P}/GuestStateFile`} label={t('settings.advanced.guestState')} mono placeholder={`${name}.vmgs`} />
        <DraftTextField pointer={`${P}/RuntimeStateFile`} label={t('settings.advanced.runtimeState')} mono placeholder={`${name}.vmrs`} />
        <DraftTextField pointer={`${P}/SaveStateFile`} label={t('settings.advanced.saveState')} mono readOnly placeholder={t('settings.advanced.saveState.placeholder')} />
      </div>
      <Policies />
      <UnknownKeys />
      <FilePreview />
    </div>
  );
}

function Policies() {
  const { t } = useT();
  const policies = useDraft((c) => c.Policies);
  const update = useUpdate();
  const others = policies.filter((p) => !(KNOWN_POLICIES as string[]).includes(p));
  return (
    <>
      <h3 className="subheading">{t('settings.advanced.policies')}</h3>
      <p className="muted">{t('settings.advanced.policies.intro')}</p>
      <CheckboxGroup legend={t('settings.advanced.policies.legend')} hideLegend>
        {KNOWN_POLICIES.map((policy) => (
          <Checkbox
            key={policy}
            label={policy}
            checked={policies.includes(policy)}
            onChange={(on) => update((c) => void (c.Policies = on ? [...c.Policies, policy] : c.Policies.filter((p) => p !== policy)))}
          />
        ))}
      </CheckboxGroup>
      {others.length > 0 && <p className="muted">{t('settings.advanced.policies.others', { names: others.join(', ') })}</p>}
    </>
  );
}

function UnknownKeys() {
  const { t } = useT();
  const config = useDraft((c) => c);
  const rootUnknown = useEditorState((s) => s.draft!.rootUnknownKeys);
  const keys = useMemo(() => fileUnknownKeys(rootUnknown, config, P), [rootUnknown, config]);
  return (
    <>
      <h3 className="subheading">{t('settings.advanced.unknown')}</h3>
      {keys.length === 0 ? (
        <p className="muted">{t('settings.advanced.unknown.none')}</p>
      ) : (
        <>
          <p className="muted">{t('settings.advanced.unknown.intro')}</p>
          <UnknownKeysTable keys={keys} />
        </>
      )}
    </>
  );
}

function FilePreview() {
  const { t } = useT();
  const preview = useEditorState((s) => s.preview);
  return (
    <>
      <h3 className="subheading">{t('settings.advanced.preview')}</h3>
      <p className="muted">{t('settings.advanced.preview.intro')}</p>
      <CodeBlock label={t('settings.advanced.preview')} className="file-preview">
        {preview}
      </CodeBlock>
    </>
  );
}
