/**
 * RDCleanPath, the protocol between IronRDP's web client and a proxy (reference/sessions.md §3; IronRDP's
 * `crates/ironrdp-rdcleanpath`): one DER SEQUENCE whose fields are EXPLICIT context-specific tags —
 * version [0], error [1], destination [2], proxy_auth [3], server_auth [4], preconnection_blob [5],
 * x224_connection_pdu [6], server_cert_chain [7] (SEQUENCE OF OCTET STRING) and server_addr [9]; the
 * error is itself a SEQUENCE of error_code [0], http_status_code [1], wsa_last_error [2] and
 * tls_alert_code [3].
 *
 * The DER work is asn1js's. Decoding is strict, as IronRDP's own `der` crate is: the bytes must be one
 * SEQUENCE and nothing after it, every field of the right type in ascending tag order, no unknown tag,
 * and the encoding canonical (what we decode must re-encode to exactly the bytes received). Input from
 * the renderer is untrusted, so asn1js parses under small resource limits.
 */
import * as asn1js from 'asn1js';

/** 3389 + 1: the only version IronRDP speaks (`VERSION_1`). */
export const RDCLEANPATH_VERSION = 3390;
export const GENERAL_ERROR_CODE = 1;
export const NEGOTIATION_ERROR_CODE = 2;

/** A request, response or error is never near this; larger input is refused before it is parsed. */
export const MAX_PDU_BYTES = 64 * 1024;

export interface RdCleanPathError {
  readonly errorCode: number;
  readonly httpStatusCode?: number;
  readonly wsaLastError?: number;
  readonly tlsAlertCode?: number;
}

export interface RdCleanPathPdu {
  readonly version: number;
  readonly error?: RdCleanPathError;
  readonly destination?: string;
  readonly proxyAuth?: string;
  readonly serverAuth?: string;
  readonly preconnectionBlob?: string;
  readonly x224ConnectionPdu?: Uint8Array;
  readonly serverCertChain?: readonly Uint8Array[];
  readonly serverAddr?: string;
}

export class RdCleanPathDecodeError extends Error {
  override readonly name = 'RdCleanPathDecodeError';
}

const CONTEXT = 3; // asn1js' tag class for context-specific
const UNIVERSAL = 1;
const TAG = { version: 0, error: 1, destination: 2, proxyAuth: 3, serverAuth: 4, preconnectionBlob: 5, x224: 6, certChain: 7, serverAddr: 9 } as const;
const ERROR_TAG = { errorCode: 0, httpStatusCode: 1, wsaLastError: 2, tlsAlertCode: 3 } as const;
const U16 = 0xffff;
const U8 = 0xff;

// ---- encoding ----

const explicit = (tagNumber: number, inner: asn1js.AsnType): asn1js.Constructed =>
  new asn1js.Constructed({ idBlock: { tagClass: CONTEXT, tagNumber }, value: [inner] });

const integer = (value: number): asn1js.Integer => asn1js.Integer.fromBigInt(value);
const utf8 = (value: string): asn1js.Utf8String => new asn1js.Utf8String({ value });
const octets = (bytes: Uint8Array): asn1js.OctetString => new asn1js.OctetString({ valueHex: Uint8Array.from(bytes).buffer });

function encodeError(error: RdCleanPathError): asn1js.Sequence {
  const fields: asn1js.AsnType[] = [explicit(ERROR_TAG.errorCode, integer(checkRange(error.errorCode, U16, 'error_code')))];
  if (error.httpStatusCode !== undefined) fields.push(explicit(ERROR_TAG.httpStatusCode, integer(checkRange(error.httpStatusCode, U16, 'http_status_code'))));
  if (error.wsaLastError !== undefined) fields.push(explicit(ERROR_TAG.wsaLastError, integer(checkRange(error.wsaLastError, U16, 'wsa_last_error'))));
  if (error.tlsAlertCode !== undefined) fields.push(explicit(ERROR_TAG.tlsAlertCode, integer(checkRange(error.tlsAlertCode, U8, 'tls_alert_code'))));
  return new asn1js.Sequence({ value: fields });
}

function checkRange(value: number, max: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > max) throw new RangeError(`RDCleanPath ${field} must be an integer from 0 to ${max}, not ${value}`);
  return value;
}

/** The DER bytes of `pdu`. */
export function encodePdu(pdu: RdCleanPathPdu): Uint8Array {
  const fields: asn1js.AsnType[] = [explicit(TAG.version, integer(checkRange(pdu.version, Number.MAX_SAFE_INTEGER, 'version')))];
  if (pdu.error !== undefined) fields.push(explicit(TAG.error, encodeError(pdu.error)));
  if (pdu.destination !== undefined) fields.push(explicit(TAG.destination, utf8(pdu.destination)));
  if (pdu.proxyAuth !== undefined) fields.push(explicit(TAG.proxyAuth, utf8(pdu.proxyAuth)));
  if (pdu.serverAuth !== undefined) fields.push(explicit(TAG.serverAuth, utf8(pdu.serverAuth)));
  if (pdu.preconnectionBlob !== undefined) fields.push(explicit(TAG.preconnectionBlob, utf8(pdu.preconnectionBlob)));
  if (pdu.x224ConnectionPdu !== undefined) fields.push(explicit(TAG.x224, octets(pdu.x224ConnectionPdu)));
  if (pdu.serverCertChain !== undefined) fields.push(explicit(TAG.certChain, new asn1js.Sequence({ value: pdu.serverCertChain.map(octets) })));
  if (pdu.serverAddr !== undefined) fields.push(explicit(TAG.serverAddr, utf8(pdu.serverAddr)));
  return new Uint8Array(new asn1js.Sequence({ value: fields }).toBER(false));
}

// ---- decoding ----

const fail = (why: string): never => {
  throw new RdCleanPathDecodeError(why);
};

interface Block {
  readonly idBlock: { tagClass: number; tagNumber: number; isConstructed: boolean };
  readonly lenBlock: { isIndefiniteForm: boolean };
  readonly valueBlock: { value?: unknown };
}

const isUniversal = (block: Block, tagNumber: number, constructed: boolean): boolean =>
  block.idBlock.tagClass === UNIVERSAL && block.idBlock.tagNumber === tagNumber && block.idBlock.isConstructed === constructed;

function children(block: Block, what: string): Block[] {
  if (block.lenBlock.isIndefiniteForm) fail(`${what} uses an indefinite length, which DER forbids`);
  const value = block.valueBlock.value;
  return Array.isArray(value) ? (value as Block[]) : fail(`${what} has no contents`);
}

/** The fields of a SEQUENCE of EXPLICIT context tags, by tag number, in ascending order, each once. */
function taggedFields(sequence: Block, what: string, known: readonly number[]): Map<number, Block> {
  const fields = new Map<number, Block>();
  let previous = -1;
  for (const field of children(sequence, what)) {
    const { tagClass, tagNumber, isConstructed } = field.idBlock;
    if (tagClass !== CONTEXT || !isConstructed) fail(`${what} holds a field that is not an explicit context tag`);
    if (!known.includes(tagNumber)) fail(`${what} holds an unknown field [${tagNumber}]`);
    if (tagNumber <= previous) fail(`${what}'s fields are not in ascending tag order ([${tagNumber}] after [${previous}])`);
    previous = tagNumber;
    const inner = children(field, `${what} field [${tagNumber}]`);
    if (inner.length !== 1) fail(`${what} field [${tagNumber}] must hold exactly one value`);
    fields.set(tagNumber, inner[0]!);
  }
  return fields;
}

function readInteger(block: Block, field: string, max: number): number {
  if (!(block instanceof asn1js.Integer)) return fail(`${field} is not an INTEGER`);
  const value = block.toBigInt();
  if (value < 0n || value > BigInt(max)) fail(`${field} is out of range (${value})`);
  return Number(value);
}

function readUtf8(block: Block, field: string): string {
  if (!(block instanceof asn1js.Utf8String) || !isUniversal(block, 12, false)) return fail(`${field} is not a UTF8String`);
  return block.valueBlock.value;
}

function readOctets(block: Block, field: string): Uint8Array {
  if (!(block instanceof asn1js.OctetString) || !isUniversal(block, 4, false)) return fail(`${field} is not a primitive OCTET STRING`);
  return new Uint8Array(block.valueBlock.valueHexView);
}

function readError(block: Block): RdCleanPathError {
  if (!isUniversal(block, 16, true)) fail('error is not a SEQUENCE');
  const fields = taggedFields(block, 'error', Object.values(ERROR_TAG));
  const code = fields.get(ERROR_TAG.errorCode);
  if (code === undefined) fail('error has no error_code');
  const optional = (tag: number, name: string, max: number) => {
    const value = fields.get(tag);
    return value === undefined ? {} : { [name]: readInteger(value, name, max) };
  };
  return {
    errorCode: readInteger(code!, 'error_code', U16),
    ...optional(ERROR_TAG.httpStatusCode, 'httpStatusCode', U16),
    ...optional(ERROR_TAG.wsaLastError, 'wsaLastError', U16),
    ...optional(ERROR_TAG.tlsAlertCode, 'tlsAlertCode', U8),
  };
}

/** Decodes one PDU (DER, strictly); throws RdCleanPathDecodeError saying what is wrong. */
export function decodePdu(bytes: Uint8Array): RdCleanPathPdu {
  if (bytes.length === 0) fail('the message is empty');
  if (bytes.length > MAX_PDU_BYTES) fail(`the message is larger than ${MAX_PDU_BYTES} bytes`);
  const parsed = asn1js.fromBER(bytes, { maxDepth: 8, maxNodes: 256, maxContentLength: MAX_PDU_BYTES });
  if (parsed.offset === -1 || parsed.result.error) fail(`the message is not DER: ${parsed.result.error || 'it does not parse'}`);
  if (parsed.offset !== bytes.length) fail(`${bytes.length - parsed.offset} bytes follow the PDU`);
  const root = parsed.result as unknown as Block;
  if (!isUniversal(root, 16, true)) fail('the message is not a SEQUENCE');

  const fields = taggedFields(root, 'the PDU', Object.values(TAG));
  const version = fields.get(TAG.version);
  if (version === undefined) fail('the PDU has no version');
  const text = (tag: number, name: string) => {
    const value = fields.get(tag);
    return value === undefined ? {} : { [name]: readUtf8(value, name) };
  };
  const error = fields.get(TAG.error);
  const x224 = fields.get(TAG.x224);
  const chain = fields.get(TAG.certChain);
  const pdu: RdCleanPathPdu = {
    version: readInteger(version!, 'version', Number.MAX_SAFE_INTEGER),
    ...(error !== undefined ? { error: readError(error) } : {}),
    ...text(TAG.destination, 'destination'),
    ...text(TAG.proxyAuth, 'proxyAuth'),
    ...text(TAG.serverAuth, 'serverAuth'),
    ...text(TAG.preconnectionBlob, 'preconnectionBlob'),
    ...(x224 !== undefined ? { x224ConnectionPdu: readOctets(x224, 'x224_connection_pdu') } : {}),
    ...(chain !== undefined ? { serverCertChain: readChain(chain) } : {}),
    ...text(TAG.serverAddr, 'serverAddr'),
  };
  // DER has one encoding per value: anything else (long-form lengths, padded integers) is refused.
  if (!sameBytes(encodePdu(pdu), bytes)) fail('the PDU is not in canonical DER');
  return pdu;
}

function readChain(block: Block): Uint8Array[] {
  if (!isUniversal(block, 16, true)) fail('server_cert_chain is not a SEQUENCE');
  return children(block, 'server_cert_chain').map((certificate, index) => readOctets(certificate, `server_cert_chain[${index}]`));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export type Detection = { readonly kind: 'detected'; readonly totalLength: number } | { readonly kind: 'incomplete' } | { readonly kind: 'failed' };

/**
 * Whether `bytes` start with a whole RDCleanPath PDU (as IronRDP's `detect`): a SEQUENCE header whose
 * first field is version [0] = 3390. `incomplete` until the header and the version have arrived;
 * `failed` for anything that cannot become one.
 */
export function detectPdu(bytes: Uint8Array): Detection {
  const header = readHeader(bytes, 0);
  if (header === 'incomplete') return { kind: 'incomplete' };
  if (header === 'failed' || bytes[0] !== 0x30) return { kind: 'failed' };
  const totalLength = header.headerLength + header.length;
  // [0] { INTEGER version }
  const tag = readHeader(bytes, header.headerLength);
  if (tag === 'incomplete') return { kind: 'incomplete' };
  if (tag === 'failed' || bytes[header.headerLength] !== 0xa0) return { kind: 'failed' };
  const intAt = header.headerLength + tag.headerLength;
  const int = readHeader(bytes, intAt);
  if (int === 'incomplete') return { kind: 'incomplete' };
  if (int === 'failed' || bytes[intAt] !== 0x02 || int.length === 0 || int.length > 8) return { kind: 'failed' };
  const start = intAt + int.headerLength;
  if (bytes.length < start + int.length) return { kind: 'incomplete' };
  let version = 0;
  for (let i = 0; i < int.length; i++) version = version * 256 + bytes[start + i]!;
  return version === RDCLEANPATH_VERSION ? { kind: 'detected', totalLength } : { kind: 'failed' };
}

/** A DER tag-and-length header at `at`: one-byte tags, definite lengths of up to four bytes. */
function readHeader(bytes: Uint8Array, at: number): { headerLength: number; length: number } | 'incomplete' | 'failed' {
  if (bytes.length < at + 2) return 'incomplete';
  if ((bytes[at]! & 0x1f) === 0x1f) return 'failed';
  const first = bytes[at + 1]!;
  if (first < 0x80) return { headerLength: 2, length: first };
  const count = first & 0x7f;
  if (count === 0 || count > 4) return 'failed';
  if (bytes.length < at + 2 + count) return 'incomplete';
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + bytes[at + 2 + i]!;
  return { headerLength: 2 + count, length };
}
