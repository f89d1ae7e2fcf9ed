/**
 * MAC addresses as `.7b` files write them (`00-15-5D-64-2F-AB`): six hex pairs joined by dashes. Hako
 * generates static ones in the locally administered unicast range (first octet `x2`, `x6`, `xA` or `xE`:
 * the "locally administered" bit set, the multicast bit clear; IEEE 802), so a generated address never
 * claims a vendor's range or a multicast group.
 */
const MAC = /^[0-9A-Fa-f]{2}(-[0-9A-Fa-f]{2}){5}$/;

export type MacProblem = 'format' | 'multicast' | 'zero' | 'broadcast';

/** Why `text` is not a usable static MAC address for an adapter, or null. */
export function macAddressProblem(text: string): MacProblem | null {
  if (!MAC.test(text)) return 'format';
  const bytes = text.split('-').map((pair) => parseInt(pair, 16));
  if (bytes.every((b) => b === 0)) return 'zero';
  if (bytes.every((b) => b === 0xff)) return 'broadcast';
  if ((bytes[0]! & 0x01) !== 0) return 'multicast';
  return null;
}

/** A new locally administered unicast address from six random bytes (`crypto.getRandomValues` in callers). */
export function locallyAdministeredMac(random: Uint8Array): string {
  if (random.length < 6) throw new Error('six random bytes are needed');
  const bytes = [...random.subarray(0, 6)];
  bytes[0] = (bytes[0]! & 0xfc) | 0x02;
  return bytes.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('-');
}
