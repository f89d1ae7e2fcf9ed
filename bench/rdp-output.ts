/**
 * What the RDP server sends, read from the plaintext the console proxy relays to the browser, so the
 * console bench can give the server's own frame rate instead of guessing it from gaps in the traffic.
 *
 * The stream is a sequence of PDUs: slow-path ones in TPKT (first byte 3, big-endian length at 2) and
 * fast-path output ([MS-RDPBCGR] 2.2.9.1.2: action bits 0–1 = 0, a one- or two-byte length). A fast-path
 * PDU (its header's reserved bits 2–5 zero) holds updates (2.2.9.1.2.1: code in bits 0–3, fragmentation in bits 4–5, a compression byte when
 * bits 6–7 say so, a 16-bit little-endian size); fragmented updates are joined before they are read.
 * Surface-command updates (code 4, 2.2.9.1.2.1.10) carry frame markers (cmdType 4, frameAction 1 = end,
 * 2.2.9.2.3) and surface bits (cmdType 1 or 6, codec id at byte 13, 2.2.9.2.1): a frame is one end marker.
 * Bulk-compressed updates cannot be read and are only counted.
 */

const FASTPATH_UPDATETYPE_SURFCMDS = 0x4;
const FASTPATH_FRAGMENT_SINGLE = 0;
const FASTPATH_FRAGMENT_LAST = 1;
const FASTPATH_FRAGMENT_FIRST = 2;
const FASTPATH_OUTPUT_COMPRESSION_USED = 0x2;
const CMDTYPE_SET_SURFACE_BITS = 0x1;
const CMDTYPE_FRAME_MARKER = 0x4;
const CMDTYPE_STREAM_SURFACE_BITS = 0x6;
const SURFACECMD_FRAMEACTION_END = 0x1;

export interface OutputCounts {
  /** Fast-path updates by update code (e.g. 1 = bitmap, 4 = surface commands). */
  readonly updates: Map<number, number>;
  /** Surface bits commands by codec id. */
  readonly codecs: Map<number, number>;
  /** Updates the server compressed (not read further). */
  compressed: number;
  /** Slow-path (TPKT) PDUs. */
  slowPath: number;
}

export class RdpOutputReader {
  private pending = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  private broken = false;
  /** Each frame's id and when it ended (the time given to `push` with the data holding its end marker). */
  readonly frameEnds: { id: number; at: number }[] = [];
  readonly counts: OutputCounts = { updates: new Map(), codecs: new Map(), compressed: 0, slowPath: 0 };

  /** True once the stream held something that is not a PDU; nothing is read after that. */
  get lost(): boolean {
    return this.broken;
  }

  push(data: Uint8Array, at: number): void {
    if (this.broken) return;
    this.pending = this.pending.length === 0 ? Buffer.from(data) : Buffer.concat([this.pending, data]);
    for (;;) {
      const length = pduLength(this.pending);
      if (length === null) return;
      if (length < 2) {
        this.broken = true;
        return;
      }
      if (this.pending.length < length) return;
      const pdu = this.pending.subarray(0, length);
      this.pending = this.pending.subarray(length);
      if ((pdu[0]! & 0x3) === 0) this.readFastPath(pdu, at);
      else this.counts.slowPath++;
    }
  }

  private readFastPath(pdu: Buffer, at: number): void {
    let offset = pdu[1]! & 0x80 ? 3 : 2;
    if (pdu[0]! & 0x80) offset += 8; // FASTPATH_OUTPUT_ENCRYPTED: a MAC signature (standard RDP security only)
    while (offset + 3 <= pdu.length) {
      const header = pdu[offset++]!;
      const code = header & 0x0f;
      const fragmentation = (header >> 4) & 0x3;
      const compressed = ((header >> 6) & 0x3) === FASTPATH_OUTPUT_COMPRESSION_USED;
      let compression = 0;
      if (compressed) compression = pdu[offset++]!;
      if (offset + 2 > pdu.length) return;
      const size = pdu.readUInt16LE(offset);
      offset += 2;
      const data = pdu.subarray(offset, offset + size);
      offset += size;
      // compressionFlags bit 0x20 = PACKET_COMPRESSED: the data must be decompressed to be read.
      if (compressed && compression & 0x20) {
        this.counts.compressed++;
        continue;
      }
      if (fragmentation !== FASTPATH_FRAGMENT_SINGLE) {
        if (fragmentation === FASTPATH_FRAGMENT_FIRST) this.fragments = [];
        this.fragments.push(data);
        if (fragmentation !== FASTPATH_FRAGMENT_LAST) continue;
      }
      const update = fragmentation === FASTPATH_FRAGMENT_SINGLE ? data : Buffer.concat(this.fragments.splice(0));
      this.counts.updates.set(code, (this.counts.updates.get(code) ?? 0) + 1);
      if (code === FASTPATH_UPDATETYPE_SURFCMDS) this.readSurfaceCommands(update, at);
    }
  }

  private readSurfaceCommands(update: Buffer, at: number): void {
    let offset = 0;
    while (offset + 2 <= update.length) {
      const type = update.readUInt16LE(offset);
      if (type === CMDTYPE_FRAME_MARKER) {
        if (offset + 8 > update.length) return;
        if (update.readUInt16LE(offset + 2) === SURFACECMD_FRAMEACTION_END) this.frameEnds.push({ id: update.readUInt32LE(offset + 4), at });
        offset += 8;
      } else if (type === CMDTYPE_SET_SURFACE_BITS || type === CMDTYPE_STREAM_SURFACE_BITS) {
        // cmdType, 4 × destination (8 bytes), then TS_BITMAP_DATA_EX: bpp, flags, reserved, codecID,
        // width, height, bitmapDataLength, [exBitmapDataHeader (24 bytes) when flags & 1], data.
        if (offset + 22 > update.length) return;
        const flags = update[offset + 11]!;
        const codec = update[offset + 13]!;
        const dataLength = update.readUInt32LE(offset + 18);
        this.counts.codecs.set(codec, (this.counts.codecs.get(codec) ?? 0) + 1);
        offset += 22 + (flags & 0x1 ? 24 : 0) + dataLength;
      } else return; // an unknown command: its length is unknown too
    }
  }
}

/** The whole PDU's length from its first bytes; null until enough of them arrived. */
function pduLength(buffer: Buffer): number | null {
  if (buffer.length < 2) return null;
  if (buffer[0] === 3) return buffer.length < 4 ? null : buffer.readUInt16BE(2);
  if ((buffer[0]! & 0x3f) !== 0) return 0; // neither TPKT nor fast-path output (action 0, reserved bits 2–5 zero)
  if (buffer[1]! & 0x80) return buffer.length < 3 ? null : ((buffer[1]! & 0x7f) << 8) | buffer[2]!;
  return buffer[1]!;
}

/**
 * The frame id a client's message acknowledges, or null: a slow-path TS_FRAME_ACKNOWLEDGE_PDU
 * ([MS-RDPBCGR] 2.2.14.1: TPKT, X.224, MCS, share headers, then frameID) ends with the share data
 * header's pduType2 (0x38), compressedType, compressedLength, and the 32-bit frame id.
 */
export function acknowledgedFrame(message: Uint8Array): number | null {
  const PDUTYPE2_FRAME_ACKNOWLEDGE = 0x38;
  if (message.length < 30 || message[0] !== 3 || message[message.length - 8] !== PDUTYPE2_FRAME_ACKNOWLEDGE) return null;
  return Buffer.from(message.buffer, message.byteOffset, message.byteLength).readUInt32LE(message.length - 4);
}
