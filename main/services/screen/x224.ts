/**
 * The two PDUs of an RDP connection the console proxy reads itself ([MS-RDPBCGR] 2.2.1.1 and 2.2.1.2):
 * the client's X.224 Connection Request, which it forwards unchanged, and the server's X.224 Connection
 * Confirm, which says which security protocol the server chose. Both are TPKT-framed (RFC 1006: version
 * 3, a reserved byte, a big-endian length that includes the 4-byte header).
 */

/** `RDP_NEG_RSP.selectedProtocol` values ([MS-RDPBCGR] 2.2.1.2.1). */
export const PROTOCOL = { RDP: 0x0, SSL: 0x1, HYBRID: 0x2, RDSTLS: 0x4, HYBRID_EX: 0x8 } as const;

/** `RDP_NEG_FAILURE.failureCode` values ([MS-RDPBCGR] 2.2.1.2.2), for messages. */
export const NEGOTIATION_FAILURES: Readonly<Record<number, string>> = {
  1: 'SSL_REQUIRED_BY_SERVER',
  2: 'SSL_NOT_ALLOWED_BY_SERVER',
  3: 'SSL_CERT_NOT_ON_SERVER',
  4: 'INCONSISTENT_FLAGS',
  5: 'HYBRID_REQUIRED_BY_SERVER',
  6: 'SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER',
};

const TPKT_VERSION = 3;
const TPKT_HEADER = 4;
/** A Connection Request or Confirm with a cookie and negotiation data is well under this. */
export const MAX_CONNECTION_PDU = 1024;
const X224_CONNECTION_REQUEST = 0xe0;
const X224_CONNECTION_CONFIRM = 0xd0;
const TYPE_RDP_NEG_RSP = 0x02;
const TYPE_RDP_NEG_FAILURE = 0x03;

/** The length a TPKT at the start of `bytes` says it has: null until 4 bytes are there, NaN when they are not a TPKT. */
export function tpktLength(bytes: Uint8Array): number | null {
  if (bytes.length < TPKT_HEADER) return null;
  if (bytes[0] !== TPKT_VERSION || bytes[1] !== 0) return Number.NaN;
  const length = (bytes[2]! << 8) | bytes[3]!;
  return length >= TPKT_HEADER + 3 ? length : Number.NaN;
}

/** Whether `pdu` is exactly one TPKT holding an X.224 Connection Request (what IronRDP sends). */
export function isConnectionRequest(pdu: Uint8Array): boolean {
  const length = tpktLength(pdu);
  if (length === null || Number.isNaN(length) || length !== pdu.length || length > MAX_CONNECTION_PDU) return false;
  const li = pdu[4]!;
  // The length indicator counts the X.224 header after itself; the rest is the cookie and negotiation data.
  return li + 1 <= pdu.length - TPKT_HEADER && li >= 6 && (pdu[5]! & 0xf0) === X224_CONNECTION_REQUEST;
}

export type ConfirmVerdict =
  /** The server chose a protocol that runs inside TLS (SSL, HYBRID, HYBRID_EX). */
  | { readonly kind: 'tls'; readonly protocol: number }
  /** Standard RDP security: no negotiation response, or one selecting PROTOCOL_RDP. */
  | { readonly kind: 'standard-rdp' }
  /** The server refused what the client asked for. */
  | { readonly kind: 'failure'; readonly code: number }
  | { readonly kind: 'invalid'; readonly why: string };

/** What a server's TPKT-framed X.224 Connection Confirm selected. */
export function readConnectionConfirm(pdu: Uint8Array): ConfirmVerdict {
  const length = tpktLength(pdu);
  if (length === null || Number.isNaN(length) || length !== pdu.length) return { kind: 'invalid', why: 'it is not one TPKT packet' };
  const li = pdu[4]!;
  if ((pdu[5]! & 0xf0) !== X224_CONNECTION_CONFIRM) return { kind: 'invalid', why: `its X.224 code is 0x${pdu[5]!.toString(16)}, not a Connection Confirm` };
  if (li + 1 !== pdu.length - TPKT_HEADER) return { kind: 'invalid', why: 'its X.224 length indicator does not match the packet' };
  const negotiation = TPKT_HEADER + 7; // LI, code, DST-REF (2), SRC-REF (2), class
  if (pdu.length === negotiation) return { kind: 'standard-rdp' };
  if (pdu.length !== negotiation + 8) return { kind: 'invalid', why: 'its negotiation data is not 8 bytes long' };
  const type = pdu[negotiation]!;
  const dataLength = pdu[negotiation + 2]! | (pdu[negotiation + 3]! << 8);
  if (dataLength !== 8) return { kind: 'invalid', why: 'its negotiation data says it is not 8 bytes long' };
  const value = (pdu[negotiation + 4]! | (pdu[negotiation + 5]! << 8) | (pdu[negotiation + 6]! << 16) | (pdu[negotiation + 7]! << 24)) >>> 0;
  if (type === TYPE_RDP_NEG_FAILURE) return { kind: 'failure', code: value };
  if (type !== TYPE_RDP_NEG_RSP) return { kind: 'invalid', why: `its negotiation data has type ${type}` };
  if (value === PROTOCOL.RDP) return { kind: 'standard-rdp' };
  if (value === PROTOCOL.SSL || value === PROTOCOL.HYBRID || value === PROTOCOL.HYBRID_EX) return { kind: 'tls', protocol: value };
  return { kind: 'invalid', why: `it selected protocol 0x${value.toString(16)}, which Hako's console does not speak` };
}
