/** A VM's state as a badge. `live`: the page's one announced state ("State: Running"), drawn large. */
import { VM_STATE_LABELS } from '../../../../../app/vm/labels.js';
import type { VmState } from '../../../../../app/vm/state.js';
import { Badge } from '../../../kit/Badge/Badge.js';
import { STATE_TONES } from './state-tones.js';

export function VmStateBadge({ state, live }: { readonly state: VmState; readonly live?: boolean }) {
  return (
    <Badge tone={STATE_TONES[state]} live={live ? 'State' : undefined} size={live ? 'large' : 'normal'}>
      {VM_STATE_LABELS[state]}
    </Badge>
  );
}
