import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithHako } from '../../../../../../test/support/renderer/render.js';
import { createStubApi } from '../../../../../../test/support/renderer/stub-api.js';
import { LiveFiguresCard, processorScale } from './LiveFiguresCard.js';

const PATH = '/vms/a/a.7b';

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  setVisibility('visible');
  vi.useRealTimers();
});

describe('the live figures card', () => {
  it('shows uptime, processor use and memory with charts, and reads nothing while the page is hidden or after it goes', async () => {
    let uptimeMs = 3_723_000;
    const api = createStubApi({ 'vm.statistics': () => ({ uptimeMs: (uptimeMs += 2_000), cpuPercent: 12.5, memoryAssignedMb: 2048, memoryUsedMb: 1024 }) });
    const reads = () => api.calls.filter((c) => c.name === 'vm.statistics').length;
    const { unmount } = renderWithHako(<LiveFiguresCard path={PATH} paused={false} />, api);
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(screen.getByRole('region', { name: 'Running for' })).toHaveTextContent('1:02:05');
    expect(screen.getByRole('region', { name: 'Processor use' })).toHaveTextContent('12.5%');
    expect(screen.getByRole('region', { name: 'Memory' })).toHaveTextContent('1 GB of 2 GB');
    expect(screen.getByRole('img', { name: /Processor use over the last 2 minutes: now 12.5%, highest 12.5%/ })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Memory in use over the last 2 minutes: now 1 GB of 2 GB' })).toBeInTheDocument();

    await act(() => vi.advanceTimersByTimeAsync(4_000));
    expect(reads()).toBe(3);
    act(() => setVisibility('hidden'));
    await act(() => vi.advanceTimersByTimeAsync(20_000));
    expect(reads()).toBe(3);
    act(() => setVisibility('visible'));
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(reads()).toBe(4);
    unmount();
    await act(() => vi.advanceTimersByTimeAsync(20_000));
    expect(reads()).toBe(4);
  });

  it('says when the host does not report the memory in use, and that a paused VM’s processors do not run', async () => {
    const api = createStubApi({ 'vm.statistics': () => ({ uptimeMs: 90_061_000, cpuPercent: 0, memoryAssignedMb: 4096 }) });
    renderWithHako(<LiveFiguresCard path={PATH} paused />, api);
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(screen.getByRole('region', { name: 'Running for' })).toHaveTextContent('1 day, 1:01:01');
    expect(screen.getByRole('region', { name: 'Processor use' })).toHaveTextContent('Paused: its processors do not run.');
    expect(screen.getByRole('region', { name: 'Memory' })).toHaveTextContent('4 GB assigned');
    expect(screen.getByRole('region', { name: 'Memory' })).toHaveTextContent('This host does not say how much of it the guest uses.');
  });
});

describe('the processor chart’s scale', () => {
  it('is the first of 10, 25, 50 and 100 % that holds every value', () => {
    expect(processorScale([])).toBe(10);
    expect(processorScale([3, 9.9])).toBe(10);
    expect(processorScale([3, 10.1])).toBe(25);
    expect(processorScale([49])).toBe(50);
    expect(processorScale([51, 2])).toBe(100);
  });
});
