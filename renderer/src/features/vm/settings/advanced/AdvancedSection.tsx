/** State files, compatibility policies, the keys NanaBox does not read, and the text saving writes. */
import { useMemo } from 'react';
import { POLICY_FEATURE_BITS } from '../../../../../../app/config/model.js';
import { CheckboxGroup } from '../../../../kit/Checkbox/CheckboxGroup.js';
import { Checkbox } from '../../../../kit/Checkbox/Checkbox.js';
import { CodeBlock } from '../../../../kit/CodeBlock/CodeBlock.js';
import { fieldDoc } from '../editor/field-checks.js';
import { useDraft, useEditorState, useUpdate } from '../editor/hooks.js';
import { CONFIG_POINTER } from '../editor/pointer.js';
import { fileUnknownKeys } from '../editor/unknown-keys.js';
import { DraftTextField } from '../fields/DraftFields.js';
import { UnknownKeysTable } from './UnknownKeysTable.js';
import './AdvancedSection.css';

const P = CONFIG_POINTER;
const KNOWN_POLICIES = Object.keys(POLICY_FEATURE_BITS) as (keyof typeof POLICY_FEATURE_BITS)[];

export function AdvancedSection() {
  const name = useDraft((c) => c.Name);
  return (
    <div className="stack">
      <h3 className="subheading">State files</h3>
      <div className="form-grid">
        <DraftTextField pointer={`${P}/GuestStateFile`} label="Guest state file" mono placeholder={`${name}.vmgs`} />
        <DraftTextField pointer={`${P}/RuntimeStateFile`} label="Runtime state file" mono placeholder={`${name}.vmrs`} />
        <DraftTextField pointer={`${P}/SaveStateFile`} label="Save state file" mono readOnly placeholder="None: the VM is not saved" />
      </div>
      <Policies />
      <UnknownKeys />
      <FilePreview />
    </div>
  );
}

function Policies() {
  const policies = useDraft((c) => c.Policies);
  const update = useUpdate();
  const others = policies.filter((p) => !(KNOWN_POLICIES as string[]).includes(p));
  return (
    <>
      <h3 className="subheading">Guest compatibility policies</h3>
      <p className="muted">{fieldDoc(`${P}/Policies`)} Research aids for old guests; they do not guarantee that a guest boots.</p>
      <CheckboxGroup legend="Policies" hideLegend>
        {KNOWN_POLICIES.map((policy) => (
          <Checkbox
            key={policy}
            label={policy}
            checked={policies.includes(policy)}
            onChange={(on) => update((c) => void (c.Policies = on ? [...c.Policies, policy] : c.Policies.filter((p) => p !== policy)))}
          />
        ))}
      </CheckboxGroup>
      {others.length > 0 && <p className="muted">Also in the file (kept, no effect): {others.join(', ')}</p>}
    </>
  );
}

function UnknownKeys() {
  const config = useDraft((c) => c);
  const rootUnknown = useEditorState((s) => s.draft!.rootUnknownKeys);
  const keys = useMemo(() => fileUnknownKeys(rootUnknown, config, P), [rootUnknown, config]);
  return (
    <>
      <h3 className="subheading">Keys NanaBox does not read</h3>
      {keys.length === 0 ? (
        <p className="muted">None. Hako keeps any such keys exactly as they are when it saves.</p>
      ) : (
        <>
          <p className="muted">Kept exactly as they are when Hako saves (NanaBox drops them when it rewrites the file). Edit them in a text editor.</p>
          <UnknownKeysTable keys={keys} />
        </>
      )}
    </>
  );
}

function FilePreview() {
  const preview = useEditorState((s) => s.preview);
  return (
    <>
      <h3 className="subheading">File preview</h3>
      <p className="muted">What saving writes: UTF-8 with BOM, in NanaBox's key order and indentation.</p>
      <CodeBlock label="File preview" className="file-preview">
        {preview}
      </CodeBlock>
    </>
  );
}
