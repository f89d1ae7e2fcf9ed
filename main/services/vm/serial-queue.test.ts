import { describe, expect, it } from 'vitest';
import { OperationSupersededError, SerialQueue } from './serial-queue.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('SerialQueue', () => {
  it('runs tasks one at a time, in order', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([queue.enqueue('a', task('a')), queue.enqueue('b', task('b')), queue.enqueue('c', task('c'))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('a failing task does not stop the queue', async () => {
    const queue = new SerialQueue();
    const failed = queue.enqueue('bad', async () => {
      throw new Error('boom');
    });
    const ok = queue.enqueue('good', async () => 1);
    await expect(failed).rejects.toThrow('boom');
    await expect(ok).resolves.toBe(1);
    expect(queue.size).toBe(0);
  });

  it('pre-empting aborts the running task, drops the queued ones and runs once the aborted task let go', async () => {
    const queue = new SerialQueue();
    let sawAbort = false;
    const running = queue.enqueue('start', (signal) => new Promise((_resolve, reject) => {
      signal.addEventListener('abort', () => {
        sawAbort = true;
        reject(signal.reason);
      });
    }));
    const queued = queue.enqueue('pause', async () => 'never');
    await tick();
    expect(queue.running).toBe('start');
    const result = await queue.preempt('powerOff', async () => {
      // The aborted task has settled before the pre-empting one runs.
      expect(queue.running).toBe('powerOff');
      return 'off';
    });
    expect(result).toBe('off');
    expect(sawAbort).toBe(true);
    await expect(running).rejects.toBeInstanceOf(OperationSupersededError);
    await expect(queued).rejects.toThrow('pause was cancelled because the VM is being powered off');
  });
});

it('a pre-empting task waits for a running task that ignores the abort', async () => {
  const queue = new SerialQueue();
  const log: string[] = [];
  const stubborn = queue.enqueue('save', async () => {
    await new Promise((resolve) => setTimeout(resolve, 30));
    log.push('save done');
  });
  await new Promise((resolve) => setTimeout(resolve, 5));
  await queue.preempt('powerOff', async () => void log.push('power off'));
  await stubborn;
  expect(log).toEqual(['save done', 'power off']);
});
