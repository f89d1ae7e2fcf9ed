import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { newVmConfig } from '../../../../../app/config/index.js';
import { renderWithHako } from '../../../../../test/support/renderer/render.js';
import { createStubApi, snapshot } from '../../../../../test/support/renderer/stub-api.js';
import ConsoleTab from './ConsoleTab.js';

// xterm needs a real layout; the tab's behaviour is tested over a terminal that records what it is given.
const terminal = vi.hoisted(() => ({ written: [] as { text: string; done: () => void }[], input: null as ((data: string) => void) | null }));
vi.mock('./use-terminal.js', async () => {
  const { useMemo } = await import('react');
  return {
    terminalText: () => '',
    useTerminal: (_host: unknown, options: { onInput: (data: string) => void }) => {
      terminal.input = options.onInput;
      return useMemo(
        () => ({
          terminal: { write: (data: Uint8Array, done: () => void) => terminal.written.push({ text: new TextDecoder().decode(data), done }) },
          search: { findNext: (q: string) => q === 'login', findPrevious: () => false },
        }),
        [],
      );
    },
  };
});

const PATH = '/vms/lab/Lab.7b';
const ID = '0f0e0d0c-0b0a-4000-8000-000000000001';
const base = newVmConfig('Lab').config;
const config = { ...base, ComPorts: { ...base.ComPorts, ComPort1: '\\\\.\\pipe\\lab-com1' } };
const status = (over: Record<string, unknown> = {}) => ({ consoleId: ID, path: PATH, port: 'COM1', state: 'open', throttled: false, pipe: '\\\\.\\pipe\\lab-com1', ...over });

function setUp(vmState: 'Running' | 'Stopped' = 'Running', opened = status()) {
  terminal.written.length = 0;
  const api = createStubApi({ 'console.open': () => opened, 'console.ack': () => undefined, 'console.write': () => undefined, 'console.close': () => undefined });
  const vm = snapshot(PATH, { state: vmState, config });
  const view = renderWithHako(<ConsoleTab vm={vm} />, api);
  return { api, view };
}

describe('the console tab', () => {
  it('streams output to the terminal, acknowledges it once written, and sends keystrokes back', async () => {
    const { api } = setUp();
    expect(await screen.findByRole('status', { name: 'COM1: Connected' })).toBeInTheDocument();
    act(() => api.emit('console.output', { consoleId: ID, data: btoa('login: '), bytes: 7 }));
    expect(terminal.written.map((w) => w.text)).toEqual(['login: ']);
    act(() => terminal.written[0]!.done());
    await waitFor(() => expect(api.calls.some((c) => c.name === 'console.ack')).toBe(true));
    act(() => terminal.input?.('root\r'));
    await waitFor(() => expect(api.calls.find((c) => c.name === 'console.write')?.input).toEqual({ consoleId: ID, data: 'root\r' }));
  });

  it('says when main paused the output because the terminal is behind, and (a little later) when it resumed', async () => {
    const { api } = setUp();
    await screen.findByRole('status', { name: 'COM1: Connected' });
    act(() => api.emit('console.state', status({ throttled: true })));
    expect(screen.getByRole('region', { name: 'Output paused' })).toBeInTheDocument();
    // Main pauses and resumes several times a second in a flood: the note stays a while after a resume.
    vi.useFakeTimers();
    try {
      act(() => api.emit('console.state', status({ throttled: false })));
      act(() => vi.advanceTimersByTime(1_500));
      expect(screen.getByRole('region', { name: 'Output paused' })).toBeInTheDocument();
      act(() => api.emit('console.state', status({ throttled: true })));
      act(() => api.emit('console.state', status({ throttled: false })));
      act(() => vi.advanceTimersByTime(1_500));
      expect(screen.getByRole('region', { name: 'Output paused' })).toBeInTheDocument();
      act(() => vi.advanceTimersByTime(600));
      expect(screen.queryByRole('region', { name: 'Output paused' })).not.toBeInTheDocument();
    } finally {
      vi.useRealTimers();
    }
  });

  it('waits for a stopped VM, shows the VM stopping, and offers to reconnect a closed console', async () => {
    const { api } = setUp('Stopped', status({ state: 'connecting' }));
    expect(await screen.findByRole('status', { name: 'COM1: Waiting for the VM' })).toBeInTheDocument();
    act(() => api.emit('console.state', status({ state: 'vm-stopped' })));
    expect(screen.getByRole('status', { name: 'COM1: VM stopped' })).toBeInTheDocument();
    act(() => api.emit('console.state', status({ state: 'closed', error: { code: 'ConsoleNotConfigured', message: 'No pipe.' } })));
    const closed = screen.getByRole('region', { name: 'The COM1 console closed' });
    await userEvent.click(within(closed).getByRole('button', { name: 'Reconnect' }));
    expect(await screen.findByRole('status', { name: 'COM1: Waiting for the VM' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'The COM1 console closed' })).not.toBeInTheDocument();
    expect(api.calls.filter((c) => c.name === 'console.open')).toHaveLength(2);
  });

  it('searches the output and says when nothing matches', async () => {
    setUp();
    await screen.findByRole('status', { name: 'COM1: Connected' });
    await userEvent.type(screen.getByRole('textbox', { name: 'Find in the output' }), 'nothing{Enter}');
    expect(screen.getByText('No match for “nothing”')).toBeInTheDocument();
    await userEvent.clear(screen.getByRole('textbox', { name: 'Find in the output' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Find in the output' }), 'login');
    await userEvent.click(screen.getByRole('button', { name: 'Next match' }));
    expect(screen.queryByText(/No match/)).not.toBeInTheDocument();
  });

  it('closes the console in main when the tab goes away', async () => {
    const { api, view } = setUp();
    await screen.findByRole('status', { name: 'COM1: Connected' });
    view.unmount();
    expect(api.calls.at(-1)).toEqual({ name: 'console.close', input: { consoleId: ID } });
  });
});
