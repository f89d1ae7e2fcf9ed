/** A VM's state as a badge. `live`: the page's one announced state ("State: Running"), drawn large. */
import { stateLabel } from '../../../../../app/i18n/text.js';
import type { VmState } from '../../../../../app/vm/state.js';
import { useT } from '../../../i18n/context.js';
import { Badge } from '../../../kit/Badge/Badge.js';
import { STATE_TONES } from './state-tones.js';

export function VmStateBadge({ state, live }: { readonly state: VmState; readonly live?: boolean }) {
  const tr = useT();
  const label = stateLabel(tr, state);
  return (
    <Badge tone={STATE_TONES[state]} live={live ? tr.t('vm.state.live', { state: label }) : undefined} size={live ? 'large' : 'normal'}>
      {label}
    </Badge>
  );
}
