// The RDCleanPath codec against the byte vectors of IronRDP's own test suite
// (crates/ironrdp-testsuite-core/tests/rdcleanpath.rs, tag npm-iron-remote-desktop-rdp-v0.7.0): the
// values are theirs, the code is ours.
import { describe, expect, it } from 'vitest';
import { decodePdu, detectPdu, encodePdu, GENERAL_ERROR_CODE, RdCleanPathDecodeError, RDCLEANPATH_VERSION, type RdCleanPathPdu } from './rdcleanpath.js';

const DEAD_BEEF = Uint8Array.from([0xde, 0xad, 0xbe, 0xff]);

const REQUEST: RdCleanPathPdu = { version: RDCLEANPATH_VERSION, destination: 'destination', proxyAuth: 'proxy auth', preconnectionBlob: 'PCB', x224ConnectionPdu: DEAD_BEEF };
const REQUEST_DER = [
  0x30, 0x32, 0xa0, 0x4, 0x2, 0x2, 0xd, 0x3e, 0xa2, 0xd, 0xc, 0xb, 0x64, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x61, 0x74, 0x69, 0x6f, 0x6e, 0xa3, 0xc, 0xc, 0xa, 0x70, 0x72, 0x6f, 0x78,
  0x79, 0x20, 0x61, 0x75, 0x74, 0x68, 0xa5, 0x5, 0xc, 0x3, 0x50, 0x43, 0x42, 0xa6, 0x6, 0x4, 0x4, 0xde, 0xad, 0xbe, 0xff,
];

const RESPONSE: RdCleanPathPdu = { version: RDCLEANPATH_VERSION, x224ConnectionPdu: DEAD_BEEF, serverCertChain: [DEAD_BEEF, DEAD_BEEF, DEAD_BEEF], serverAddr: '192.168.7.95' };
const RESPONSE_DER = [
  0x30, 0x34, 0xa0, 0x4, 0x2, 0x2, 0xd, 0x3e, 0xa6, 0x6, 0x4, 0x4, 0xde, 0xad, 0xbe, 0xff, 0xa7, 0x14, 0x30, 0x12, 0x4, 0x4, 0xde, 0xad, 0xbe, 0xff, 0x4, 0x4, 0xde, 0xad, 0xbe,
  0xff, 0x4, 0x4, 0xde, 0xad, 0xbe, 0xff, 0xa9, 0xe, 0xc, 0xc, 0x31, 0x39, 0x32, 0x2e, 0x31, 0x36, 0x38, 0x2e, 0x37, 0x2e, 0x39, 0x35,
];

const HTTP_ERROR: RdCleanPathPdu = { version: RDCLEANPATH_VERSION, error: { errorCode: GENERAL_ERROR_CODE, httpStatusCode: 500 } };
const HTTP_ERROR_DER = [0x30, 0x15, 0xa0, 0x4, 0x2, 0x2, 0xd, 0x3e, 0xa1, 0xd, 0x30, 0xb, 0xa0, 0x3, 0x2, 0x1, 0x1, 0xa1, 0x4, 0x2, 0x2, 0x1, 0xf4];

const TLS_ERROR: RdCleanPathPdu = { version: RDCLEANPATH_VERSION, error: { errorCode: GENERAL_ERROR_CODE, tlsAlertCode: 48 } };
const TLS_ERROR_DER = [0x30, 0x14, 0xa0, 0x04, 0x02, 0x02, 0x0d, 0x3e, 0xa1, 0x0c, 0x30, 0x0a, 0xa0, 0x03, 0x02, 0x01, 0x01, 0xa3, 0x03, 0x02, 0x01, 0x30];

const VECTORS: readonly (readonly [string, RdCleanPathPdu, readonly number[]])[] = [
  ['a request', REQUEST, REQUEST_DER],
  ['a response', RESPONSE, RESPONSE_DER],
  ['an HTTP error', HTTP_ERROR, HTTP_ERROR_DER],
  ['a TLS error', TLS_ERROR, TLS_ERROR_DER],
];

const bytes = (list: readonly number[]) => Uint8Array.from(list);

describe('RDCleanPath against IronRDP’s vectors', () => {
  it.each(VECTORS)('encodes %s to IronRDP’s bytes', (_name, pdu, der) => {
    expect([...encodePdu(pdu)]).toEqual(der);
  });

  it.each(VECTORS)('decodes %s from IronRDP’s bytes', (_name, pdu, der) => {
    expect(decodePdu(bytes(der))).toEqual(pdu);
  });

  it.each(VECTORS)('detects %s with its whole length', (_name, _pdu, der) => {
    expect(detectPdu(bytes(der))).toEqual({ kind: 'detected', totalLength: der.length });
    // …also when more bytes follow it (the next message in the same buffer).
    expect(detectPdu(bytes([...der, 0x03, 0x00]))).toEqual({ kind: 'detected', totalLength: der.length });
  });

  it.each([[[]], [[0x30]], [[0x30, 0x15]], [[0x30, 0x15, 0xa0]], [[0x30, 0x32, 0xa0, 0x4]], [[0x30, 0x32, 0xa0, 0x4, 0x2]], [[0x30, 0x32, 0xa0, 0x4, 0x2, 0x2]], [[0x30, 0x32, 0xa0, 0x4, 0x2, 0x2, 0xd]]])(
    'needs more than %j to detect a PDU',
    (prefix) => {
      expect(detectPdu(bytes(prefix))).toEqual({ kind: 'incomplete' });
    },
  );

  it('refuses to detect what is not RDCleanPath: another version, a TPKT, another first field', () => {
    expect(detectPdu(bytes([0x30, 0x06, 0xa0, 0x04, 0x02, 0x02, 0x0d, 0x3d]))).toEqual({ kind: 'failed' }); // version 3389
    expect(detectPdu(bytes([0x03, 0x00, 0x00, 0x26]))).toEqual({ kind: 'failed' });
    expect(detectPdu(bytes([0x30, 0x06, 0xa2, 0x04, 0x0c, 0x02, 0x41, 0x42]))).toEqual({ kind: 'failed' });
  });

  it('round-trips a request the 0.7.0 web client sends, and a negotiation error carrying the server’s answer', () => {
    const request: RdCleanPathPdu = { version: RDCLEANPATH_VERSION, destination: 'localhost:3389', proxyAuth: 'A'.repeat(43), x224ConnectionPdu: new Uint8Array(38).fill(7) };
    expect(decodePdu(encodePdu(request))).toEqual(request);
    const negotiation: RdCleanPathPdu = { version: RDCLEANPATH_VERSION, error: { errorCode: 2 }, x224ConnectionPdu: bytes([0x03, 0x00, 0x00, 0x13, 0x0e, 0xd0]) };
    expect(decodePdu(encodePdu(negotiation))).toEqual(negotiation);
    const chain: RdCleanPathPdu = { version: RDCLEANPATH_VERSION, x224ConnectionPdu: DEAD_BEEF, serverCertChain: [new Uint8Array(700).fill(1)], serverAddr: 'Hako VM' };
    expect(decodePdu(encodePdu(chain))).toEqual(chain);
  });

  it('refuses values a field cannot hold', () => {
    expect(() => encodePdu({ version: RDCLEANPATH_VERSION, error: { errorCode: 1, tlsAlertCode: 256 } })).toThrow(RangeError);
    expect(() => encodePdu({ version: RDCLEANPATH_VERSION, error: { errorCode: 70_000 } })).toThrow(RangeError);
  });
});

describe('decoding untrusted bytes', () => {
  const refused = (list: readonly number[] | Uint8Array, why: RegExp) => {
    const input = list instanceof Uint8Array ? list : bytes(list);
    expect(() => decodePdu(input)).toThrow(RdCleanPathDecodeError);
    expect(() => decodePdu(input)).toThrow(why);
  };

  it('refuses bytes that are not DER at all, or not a SEQUENCE', () => {
    refused([], /empty/);
    refused([0xff, 0xff, 0xff], /not DER|not a SEQUENCE/);
    refused([0x30, 0x32, 0xa0], /not DER/);
    refused([0x31, 0x06, 0xa0, 0x04, 0x02, 0x02, 0x0d, 0x3e], /not a SEQUENCE/);
  });

  it('refuses bytes after the PDU', () => {
    refused([...REQUEST_DER, 0x00], /1 bytes follow/);
  });

  // DER pieces: tag-length-value with a short-form length.
  const tlv = (tag: number, ...content: number[][]) => [tag, content.flat().length, ...content.flat()];
  const version = tlv(0xa0, tlv(0x02, [0x0d, 0x3e]));
  const seq = (...fields: number[][]) => tlv(0x30, ...fields);

  it('refuses a PDU without version, fields out of order, an unknown field, a field holding two values', () => {
    refused(seq(tlv(0xa2, tlv(0x0c, [0x41, 0x42]))), /no version/);
    refused(seq(tlv(0xa2, tlv(0x0c, [0x41, 0x42])), version), /ascending/);
    refused(seq(version, tlv(0xa8, tlv(0x0c, [0x41, 0x42]))), /unknown field \[8\]/);
    refused(seq(tlv(0xa0, tlv(0x02, [0x0d, 0x3e]), tlv(0x02, [0x0d, 0x3e]))), /exactly one value/);
  });

  it('refuses fields of the wrong type or out of range', () => {
    refused(seq(tlv(0xa0, tlv(0x0c, [0x41, 0x42]))), /version is not an INTEGER/);
    refused(seq(version, tlv(0xa3, tlv(0x04, [0x41, 0x42]))), /proxyAuth is not a UTF8String/);
    refused(seq(version, tlv(0xa6, tlv(0x0c, [0x41, 0x42]))), /x224_connection_pdu is not a primitive OCTET STRING/);
    refused(seq(tlv(0xa0, tlv(0x02, [0xff]))), /version is out of range/); // -1
    refused(seq(version, tlv(0xa1, seq(tlv(0xa0, tlv(0x02, [0x01, 0x11, 0x70]))))), /error_code is out of range/); // 70000 in a u16
    refused(seq(version, tlv(0xa3, tlv(0x02, [0x01]))), /proxyAuth is not a UTF8String/);
    refused(seq(version, tlv(0xa1, seq(tlv(0xa1, tlv(0x02, [0x01, 0xf4]))))), /no error_code/);
    refused(seq(version, tlv(0xa1, tlv(0x04, [0x00]))), /error is not a SEQUENCE/);
    refused(seq(version, tlv(0xa7, tlv(0x04, [0x00]))), /server_cert_chain is not a SEQUENCE/);
  });

  it('refuses encodings DER does not allow: a long-form length, an integer with a padding byte, an indefinite length', () => {
    refused([0x30, 0x81, 0x06, 0xa0, 0x04, 0x02, 0x02, 0x0d, 0x3e], /canonical/);
    refused([0x30, 0x07, 0xa0, 0x05, 0x02, 0x03, 0x00, 0x0d, 0x3e], /canonical/);
    refused([0x30, 0x80, 0xa0, 0x04, 0x02, 0x02, 0x0d, 0x3e, 0x00, 0x00], /indefinite|not DER/);
  });

  it('refuses a message larger than any RDCleanPath PDU before parsing it', () => {
    refused(new Uint8Array(70_000), /larger than/);
  });
});
