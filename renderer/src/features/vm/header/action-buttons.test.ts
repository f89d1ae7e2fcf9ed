import { describe, expect, it } from 'vitest';
import { allowedActions } from '../../../../../app/vm/state.js';
import { headerButtons } from './action-buttons.js';

describe('header buttons', () => {
  it('enables exactly what the state allows, with Resume in Start’s place while paused', () => {
    const running = headerButtons({ actions: allowedActions('Running', { canCrash: true }) }, false);
    expect(running.map((b) => [b.action, b.enabled])).toEqual([
      ['start', false],
      ['shutdown', true],
      ['pause', true],
      ['save', true],
      ['restart', true],
      ['powerOff', true],
    ]);
    const paused = headerButtons({ actions: allowedActions('Paused', { canCrash: true }) }, false);
    expect(paused[0]).toMatchObject({ action: 'resume', enabled: true, variant: 'primary' });
    expect(paused.find((b) => b.action === 'pause')?.enabled).toBe(false);
  });

  it('disables everything but power off while an action is in flight', () => {
    expect(headerButtons({ actions: ['start'] }, true).every((b) => !b.enabled)).toBe(true);
    const running = headerButtons({ actions: allowedActions('Running', { canCrash: true }) }, true);
    expect(running.filter((b) => b.enabled).map((b) => b.action)).toEqual(['powerOff']);
  });
});
