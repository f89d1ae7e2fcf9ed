/**
 * One-time console tickets. The renderer asks main (over the authenticated contract) for a console
 * session of a VM; main answers with a random token that opens exactly one proxy connection within
 * TICKET_TTL_MS. The console hands the token to IronRDP (`withAuthToken`), which sends it as the
 * RDCleanPath request's `proxy_auth`. The token names nothing: the ticket behind it says which VM and
 * which session, so the endpoint can reach no other pipe.
 */
import { randomBytes, createHash, timingSafeEqual } from 'node:crypto';
import { type SessionMode } from '../../../app/session/mode.js';
import { CONSOLE_TICKET_TTL_MS } from '../../../app/session/console.js';

export interface Ticket {
  /** Names the ticket in results and logs; not a secret. */
  readonly id: string;
  readonly vmPath: string;
  readonly mode: SessionMode;
  readonly expiresAt: number;
}

/** 32 random bytes (256 bits), base64url: the issue asks for at least 128. */
const TOKEN_BYTES = 32;
/** Outstanding tickets are few (one per console being opened); more means a renderer in a loop. */
const MAX_OUTSTANDING = 64;

const digest = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

export class TicketBook {
  /** By the token's digest, so a lookup compares digests, never the token itself. */
  private readonly tickets = new Map<string, Ticket & { readonly digest: Buffer }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = CONSOLE_TICKET_TTL_MS,
  ) {}

  issue(vmPath: string, mode: SessionMode): { ticket: Ticket; token: string } {
    this.sweep();
    if (this.tickets.size >= MAX_OUTSTANDING) {
      // The oldest goes first: a ticket nobody used is worth less than a new one.
      const oldest = this.tickets.keys().next().value;
      if (oldest !== undefined) this.tickets.delete(oldest);
    }
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const id = randomBytes(8).toString('hex');
    const hash = digest(token);
    const ticket = { id, vmPath, mode, expiresAt: this.now() + this.ttlMs, digest: hash };
    this.tickets.set(hash.toString('hex'), ticket);
    return { ticket: { id, vmPath, mode, expiresAt: ticket.expiresAt }, token };
  }

  /** The ticket `token` opens, once: null for an unknown, used or expired token. */
  redeem(token: string): Ticket | null {
    this.sweep();
    if (token.length === 0 || token.length > 256) return null;
    const hash = digest(token);
    const key = hash.toString('hex');
    const ticket = this.tickets.get(key);
    if (ticket === undefined || !timingSafeEqual(ticket.digest, hash)) return null;
    this.tickets.delete(key);
    return { id: ticket.id, vmPath: ticket.vmPath, mode: ticket.mode, expiresAt: ticket.expiresAt };
  }

  /** Tickets of a VM are void once it stops. */
  revokeFor(vmKey: (vmPath: string) => boolean): void {
    for (const [key, ticket] of this.tickets) if (vmKey(ticket.vmPath)) this.tickets.delete(key);
  }

  get size(): number {
    this.sweep();
    return this.tickets.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, ticket] of this.tickets) if (ticket.expiresAt <= now) this.tickets.delete(key);
  }
}
