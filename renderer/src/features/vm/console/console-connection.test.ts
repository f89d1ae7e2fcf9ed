import { describe, expect, it } from 'vitest';
import { createStubApi, flush } from '../../../../../test/support/renderer/stub-api.js';
import { ConsoleConnection, WRITE_PART_CHARS } from './console-connection.js';

const ID = '0f0e0d0c-0b0a-4000-8000-000000000001';
const OTHER = '0f0e0d0c-0b0a-4000-8000-000000000002';
const status = (over: Record<string, unknown> = {}) => ({ consoleId: ID, path: '/vms/a.7b', port: 'COM1', state: 'open', throttled: false, pipe: 'p', ...over });
const b64 = (text: string) => btoa(text);

function setUp() {
  const api = createStubApi({ 'console.open': () => status(), 'console.ack': () => undefined, 'console.write': () => undefined, 'console.close': () => undefined });
  const written: { text: string; done: () => void }[] = [];
  const statuses: unknown[] = [];
  const failures: unknown[] = [];
  const connection = new ConsoleConnection(api, '/vms/a.7b', 'COM1', { write: (data, done) => written.push({ text: new TextDecoder().decode(data), done }) }, {
    status: (s) => statuses.push(s),
    failed: (e) => failures.push(e),
  });
  return { api, connection, written, statuses, failures };
}

describe('a console connection', () => {
  it('writes its own output and acknowledges each chunk only once the terminal has written it', async () => {
    const { api, connection, written } = setUp();
    await connection.open();
    api.emit('console.output', { consoleId: ID, data: b64('login: '), bytes: 7 });
    api.emit('console.output', { consoleId: OTHER, data: b64('not mine'), bytes: 8 });
    expect(written.map((w) => w.text)).toEqual(['login: ']);
    expect(api.calls.filter((c) => c.name === 'console.ack')).toEqual([]);
    written[0]!.done();
    await flush();
    expect(api.calls.filter((c) => c.name === 'console.ack').map((c) => c.input)).toEqual([{ consoleId: ID, bytes: 7 }]);
  });

  it('keeps output that arrives before the open call answers', async () => {
    const { api, connection, written } = setUp();
    let answer: (value: unknown) => void = () => undefined;
    api.handlers['console.open'] = () => new Promise((resolve) => (answer = resolve));
    const opening = connection.open();
    api.emit('console.output', { consoleId: ID, data: b64('banner'), bytes: 6 });
    answer(status());
    await opening;
    expect(written.map((w) => w.text)).toEqual(['banner']);
  });

  it('reports state changes of its console only', async () => {
    const { api, connection, statuses } = setUp();
    await connection.open();
    api.emit('console.state', status({ consoleId: OTHER, state: 'closed' }));
    api.emit('console.state', status({ throttled: true }));
    expect(statuses).toEqual([status(), status({ throttled: true })]);
  });

  it('sends input in order, in pieces within the contract bound', async () => {
    const { api, connection } = setUp();
    await connection.open();
    connection.input('a'.repeat(WRITE_PART_CHARS + 1));
    connection.input('\r');
    await flush();
    await flush();
    const writes = api.calls.filter((c) => c.name === 'console.write').map((c) => (c.input as { data: string }).data.length);
    expect(writes).toEqual([WRITE_PART_CHARS, 1, 1]);
  });

  it('closes the console in main and stops listening when disposed', async () => {
    const { api, connection, written } = setUp();
    await connection.open();
    connection.dispose();
    api.emit('console.output', { consoleId: ID, data: b64('late'), bytes: 4 });
    expect(written).toEqual([]);
    expect(api.calls.at(-1)).toEqual({ name: 'console.close', input: { consoleId: ID } });
    expect(api.listenerCount('console.output')).toBe(0);
  });

  it('reports a failed open', async () => {
    const { api, connection, failures } = setUp();
    api.handlers['console.open'] = () => Promise.reject(new Error('no pipe'));
    await connection.open();
    expect(failures).toHaveLength(1);
  });
});
