/** The colour family each VM state is drawn in (its name is app/vm/labels.ts's, shared with the tray). */
import type { VmState } from '../../../../../app/vm/state.js';
import type { BadgeTone } from '../../../kit/Badge/Badge.js';

export const STATE_TONES: Readonly<Record<VmState, BadgeTone>> = {
  Stopped: 'neutral',
  Starting: 'busy',
  Running: 'success',
  Paused: 'warning',
  Saving: 'busy',
  Saved: 'info',
  Stopping: 'busy',
  Error: 'danger',
};
