// The console's one-time tickets: what a token opens, for how long, how often, and how many are kept.
import { describe, expect, it } from 'vitest';
import { TicketBook } from './tickets.js';

/** A clock the test moves. */
function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('console tickets', () => {
  it('are random, at least 128 bits, and name the VM and mode only behind the token', () => {
    const book = new TicketBook();
    const tokens = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const { ticket, token } = book.issue('/vms/a.7b', 'basic');
      expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
      expect(token).not.toContain('a.7b');
      expect(token).not.toContain(ticket.id);
      tokens.add(token);
    }
    expect(tokens.size).toBe(50);
  });

  it('open one connection: a token redeems once, for its own VM and mode', () => {
    const book = new TicketBook();
    const basic = book.issue('/vms/a.7b', 'basic');
    const enhanced = book.issue('/vms/b.7b', 'enhanced');
    expect(book.redeem(enhanced.token)).toMatchObject({ id: enhanced.ticket.id, vmPath: '/vms/b.7b', mode: 'enhanced' });
    expect(book.redeem(enhanced.token)).toBeNull();
    expect(book.redeem(basic.token)).toMatchObject({ vmPath: '/vms/a.7b', mode: 'basic' });
    expect(book.size).toBe(0);
  });

  it('expire after their time, unused or not', () => {
    const time = clock();
    const book = new TicketBook(time.now, 30_000);
    const early = book.issue('/vms/a.7b', 'basic');
    const late = book.issue('/vms/a.7b', 'basic');
    time.advance(29_999);
    expect(book.redeem(early.token)).not.toBeNull();
    time.advance(1);
    expect(book.redeem(late.token)).toBeNull();
    expect(book.size).toBe(0);
  });

  it('refuse an empty, an oversized or a near-miss token', () => {
    const book = new TicketBook();
    const { token } = book.issue('/vms/a.7b', 'basic');
    expect(book.redeem('')).toBeNull();
    expect(book.redeem(token + 'x'.repeat(300))).toBeNull();
    expect(book.redeem(token.slice(0, -1))).toBeNull();
    expect(book.redeem(token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase())).toBeNull();
    expect(book.redeem(token)).not.toBeNull(); // the failed attempts did not use it up
  });

  it('keep at most 64 outstanding: a renderer in a loop pushes out the oldest, not the newest', () => {
    const book = new TicketBook();
    const issued = Array.from({ length: 70 }, (_, i) => book.issue(`/vms/${i}.7b`, 'basic'));
    expect(book.size).toBe(64);
    for (const { token } of issued.slice(0, 6)) expect(book.redeem(token)).toBeNull();
    for (const { token, ticket } of issued.slice(6)) expect(book.redeem(token)?.vmPath).toBe(ticket.vmPath);
  });

  it('of a VM that stopped are void; other VMs’ stay', () => {
    const book = new TicketBook();
    const a = book.issue('/vms/a.7b', 'basic');
    const a2 = book.issue('/vms/a.7b', 'enhanced');
    const b = book.issue('/vms/b.7b', 'basic');
    book.revokeFor((vmPath) => vmPath === '/vms/a.7b');
    expect(book.redeem(a.token)).toBeNull();
    expect(book.redeem(a2.token)).toBeNull();
    expect(book.redeem(b.token)).not.toBeNull();
  });
});
