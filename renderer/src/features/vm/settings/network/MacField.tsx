/**
 * An adapter's MAC address: dynamic (empty in the file: Windows assigns one at the first start, and
 * Hako writes it back, as NanaBox does) or static (typed, or generated in the locally administered
 * range, app/network/mac.ts).
 */
import { locallyAdministeredMac } from '../../../../../../app/network/mac.js';
import { Button } from '../../../../kit/Button/Button.js';
import { Segmented } from '../../../../kit/Segmented/Segmented.js';
import { TextField } from '../../../../kit/TextField/TextField.js';
import { useDraftField } from '../editor/hooks.js';

type MacMode = 'dynamic' | 'static';

const generate = () => locallyAdministeredMac(crypto.getRandomValues(new Uint8Array(6)));

export function MacField({ at, n, started }: { readonly at: string; readonly n: number; readonly started: boolean }) {
  const mac = useDraftField<string>(`${at}/MacAddress`);
  const mode: MacMode = mac.value === '' ? 'dynamic' : 'static';
  return (
    <div className="mac-field">
      <span className="field-label" aria-hidden="true">
        MAC address
      </span>
      <Segmented<MacMode>
        label={`Adapter ${n} MAC address kind`}
        value={mode}
        options={[
          { value: 'dynamic', label: 'Dynamic' },
          { value: 'static', label: 'Static' },
        ]}
        onChange={(next) => mac.set(next === 'dynamic' ? '' : generate())}
      />
      {mode === 'static' && (
        <TextField
          label={`Adapter ${n} MAC address`}
          value={mac.value}
          onChange={(typed) => mac.set(typed.trim().toUpperCase().replace(/:/g, '-'))}
          mono
          errors={mac.errors}
          warnings={mac.warnings}
          help={
            started
              ? 'Windows assigned this address at the first start; it stays with the adapter. Six pairs like 02-15-5D-64-2F-AB.'
              : 'Six pairs like 02-15-5D-64-2F-AB. Generate picks a locally administered one that no vendor uses.'
          }
          suffix={
            <Button variant="subtle" onClick={() => mac.set(generate())} label={`Generate a MAC address for adapter ${n}`}>
              Generate
            </Button>
          }
        />
      )}
      {mode === 'dynamic' && <p className="muted small">Windows assigns an address at the first start, and Hako keeps it in the file.</p>}
    </div>
  );
}
