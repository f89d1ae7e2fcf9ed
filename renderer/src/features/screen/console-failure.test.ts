// A failed console connection in the user's words: main's result first, IronRDP's error after the relay.
import { describe, expect, it } from 'vitest';
import { describeFailure } from './console-failure.js';

const failed = (code: string) => ({ state: 'failed' as const, error: { code, message: `${code} happened` } });

describe('why the console failed', () => {
  it('names what main saw, with the way out that fits', () => {
    expect(describeFailure(failed('ConsoleTlsFailed'), null, 'basic')).toMatchObject({ title: 'screen.failure.tls', actions: ['diagnostics', 'retry', 'external'], error: { code: 'ConsoleTlsFailed' } });
    expect(describeFailure(failed('ConsoleSecurityUnsupported'), null, 'basic')).toMatchObject({ title: 'screen.failure.standardSecurity', actions: ['external', 'retry'] });
    expect(describeFailure(failed('ConsoleRefused'), null, 'basic').actions).toEqual(['retry', 'external']);
    expect(describeFailure(failed('ConsoleRefused'), null, 'enhanced').actions).toEqual(['basic', 'retry', 'external']);
    expect(describeFailure(failed('ConsoleNotVmWorker'), null, 'basic')).toMatchObject({ title: 'screen.failure.notWorker', actions: ['retry'] });
    expect(describeFailure(failed('SessionUnavailable'), null, 'basic').title).toBe('screen.failure.unavailable');
    expect(describeFailure(failed('SessionUnavailable'), null, 'enhanced')).toMatchObject({ title: 'screen.failure.noEnhanced', actions: ['basic', 'retry'] });
    expect(describeFailure(failed('Internal'), { kind: 1, message: 'x' }, 'basic').title).toBe('screen.failure.generic');
  });

  it('names what the client saw when the proxy had nothing to say (after the relay started)', () => {
    const relayed = { state: 'ended' as const };
    for (const kind of [1, 2, 3]) expect(describeFailure(relayed, { kind, message: 'x' }, 'enhanced')).toMatchObject({ title: 'screen.failure.signIn', actions: ['signIn'], error: null });
    expect(describeFailure(relayed, { kind: 6, message: 'x' }, 'basic').title).toBe('screen.failure.needsSignIn');
    expect(describeFailure(null, { kind: 5, message: 'x' }, 'basic').title).toBe('screen.failure.proxy');
    expect(describeFailure(null, null, 'basic').title).toBe('screen.failure.generic');
  });
});
