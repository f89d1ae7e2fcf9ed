/** A VM in the navigation pane: its glyph with a dot in the colour of its state (the glyph's ::after). */
import clsx from 'clsx';
import type { VmState } from '../../../../app/vm/state.js';
import { Icon } from '../../kit/Icon/Icon.js';
import { STATE_TONES } from '../vm/state/state-tones.js';

export function VmGlyph({ state }: { readonly state: VmState }) {
  return (
    <span className={clsx('vm-glyph', `tone-${STATE_TONES[state]}`)} aria-hidden="true">
      <Icon name="vm" />
    </span>
  );
}
