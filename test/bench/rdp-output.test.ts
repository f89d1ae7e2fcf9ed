import { describe, expect, it } from 'vitest';
import { acknowledgedFrame, RdpOutputReader } from '../../bench/rdp-output.js';

const u16 = (value: number) => Buffer.from([value & 0xff, value >> 8]);
const u32 = (value: number) => {
  const out = Buffer.alloc(4);
  out.writeUInt32LE(value);
  return out;
};
const frameMarker = (action: 0 | 1, id: number) => Buffer.concat([u16(0x4), u16(action), u32(id)]);
/** TS_SURFCMD_SET_SURF_BITS with TS_BITMAP_DATA_EX (no extended header) around `data`. */
const surfaceBits = (codec: number, data: Buffer) => Buffer.concat([u16(0x1), Buffer.alloc(8), Buffer.from([32, 0, 0, codec]), u16(64), u16(64), u32(data.length), data]);
/** One fast-path update: header (code, fragmentation), size, data. */
const update = (code: number, data: Buffer, fragmentation = 0) => Buffer.concat([Buffer.from([code | (fragmentation << 4)]), u16(data.length), data]);
/** A fast-path output PDU with a two-byte length. */
const fastPath = (...updates: Buffer[]) => {
  const body = Buffer.concat(updates);
  const length = body.length + 3;
  return Buffer.concat([Buffer.from([0x00, 0x80 | (length >> 8), length & 0xff]), body]);
};

describe('RdpOutputReader', () => {
  it('finds a frame’s end marker and its codec, however the stream is cut', () => {
    const pdu = fastPath(update(4, Buffer.concat([frameMarker(0, 7), surfaceBits(3, Buffer.alloc(100, 9)), frameMarker(1, 7)])));
    const reader = new RdpOutputReader();
    reader.push(pdu.subarray(0, 50), 1);
    expect(reader.frameEnds).toEqual([]);
    reader.push(pdu.subarray(50), 2);
    expect(reader.frameEnds).toEqual([{ id: 7, at: 2 }]);
    expect(reader.counts.codecs.get(3)).toBe(1);
    expect(reader.lost).toBe(false);
  });

  it('joins a fragmented update before reading it, and skips slow-path PDUs', () => {
    const commands = Buffer.concat([surfaceBits(1, Buffer.alloc(40, 1)), frameMarker(1, 12)]);
    const tpkt = Buffer.from([3, 0, 0, 8, 2, 0xf0, 0x80, 0]);
    const reader = new RdpOutputReader();
    reader.push(Buffer.concat([fastPath(update(4, commands.subarray(0, 20), 2)), tpkt, fastPath(update(4, commands.subarray(20), 1))]), 5);
    expect(reader.frameEnds).toEqual([{ id: 12, at: 5 }]);
    expect(reader.counts.codecs.get(1)).toBe(1);
    expect(reader.counts.slowPath).toBe(1);
  });

  it('stops at bytes that are neither TPKT nor fast-path', () => {
    const reader = new RdpOutputReader();
    reader.push(Buffer.from([0x30, 0x82, 0x01, 0x00]), 1);
    reader.push(fastPath(update(4, frameMarker(1, 1))), 2);
    expect(reader.lost).toBe(true);
    expect(reader.frameEnds).toEqual([]);
  });
});

describe('acknowledgedFrame', () => {
  it('reads the frame id of a frame acknowledgement and nothing else', () => {
    const headers = Buffer.concat([Buffer.from([3, 0, 0, 0, 2, 0xf0, 0x80]), Buffer.alloc(19)]);
    const ack = Buffer.concat([headers, Buffer.from([0x38, 0, 0, 0]), u32(4242)]);
    ack.writeUInt16BE(ack.length, 2);
    expect(acknowledgedFrame(ack)).toBe(4242);
    const other = Buffer.from(ack);
    other[other.length - 8] = 0x1f; // a synchronize PDU's pduType2
    expect(acknowledgedFrame(other)).toBeNull();
    expect(acknowledgedFrame(fastPath(update(4, frameMarker(1, 1))))).toBeNull();
  });
});
