/**
 * IPv4 subnets for virtual switches: reading the ones a network has (HCN answers in its v1 shape,
 * `Subnets[].AddressPrefix/GatewayAddress`, or its v2 shape, `Ipams[].Subnets[].IpAddressPrefix` with a
 * default route), and suggesting one for a new switch that collides with none the host already uses.
 */
export interface SubnetInfo {
  /** `a.b.c.d/n`. */
  readonly prefix: string;
  readonly gateway: string;
}

interface Cidr {
  readonly network: number;
  readonly bits: number;
}

function parseCidr(text: string): Cidr | null {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (match === null) return null;
  const octets = match.slice(1, 5).map(Number);
  const bits = Number(match[5]);
  if (octets.some((o) => o > 255) || bits > 32) return null;
  const address = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { network: (address & mask) >>> 0, bits };
}

/** Whether two `a.b.c.d/n` ranges share an address (unreadable ones never do). */
export function subnetsOverlap(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  if (x === null || y === null) return false;
  const bits = Math.min(x.bits, y.bits);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((x.network & mask) >>> 0) === ((y.network & mask) >>> 0);
}

/** The first private /24 that overlaps none of `taken`: 192.168.100–254, then 172.16–31, then 10.x. */
export function suggestSubnet(taken: readonly string[]): SubnetInfo | null {
  const candidates = function* (): Generator<string> {
    for (let c = 100; c <= 254; c++) yield `192.168.${c}.0/24`;
    for (let b = 16; b <= 31; b++) for (let c = 0; c <= 254; c += 16) yield `172.${b}.${c}.0/24`;
    for (let b = 0; b <= 254; b++) yield `10.${b}.0.0/24`;
  };
  for (const prefix of candidates()) {
    if (!taken.some((used) => subnetsOverlap(prefix, used))) return { prefix, gateway: prefix.replace(/\.0\/24$/, '.1') };
  }
  return null;
}

/** Why a subnet typed for a new switch cannot be used, or null. */
export type SubnetProblem = 'format' | 'size' | 'overlap';

/**
 * Checks a subnet for a new switch: `a.b.c.d/n` with octets up to 255, a prefix of 8 to 30 bits (NanaBox
 * gives the switch the gateway `a.b.c.1`, and a /31 or /32 leaves no address for a VM), and no overlap
 * with a subnet in `taken` (the host's networks and interfaces).
 */
export function subnetProblem(text: string, taken: readonly string[]): { problem: SubnetProblem; other?: string } | null {
  const cidr = parseCidr(text);
  if (cidr === null) return { problem: 'format' };
  if (cidr.bits < 8 || cidr.bits > 30) return { problem: 'size' };
  const other = taken.find((used) => subnetsOverlap(text, used));
  return other === undefined ? null : { problem: 'overlap', other };
}

/** The gateway NanaBox gives a switch it creates with this subnet: the first three octets and `.1`. */
export function gatewayOf(prefix: string): string | null {
  const match = /^(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}\/\d{1,2}$/.exec(prefix.trim());
  return match === null ? null : `${match[1]}.1`;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The subnets of an HCN network's properties, in either schema's shape. */
export function networkSubnets(properties: unknown): SubnetInfo[] {
  if (!isRecord(properties)) return [];
  const found: SubnetInfo[] = [];
  for (const subnet of list(properties.Subnets)) {
    if (isRecord(subnet) && typeof subnet.AddressPrefix === 'string') found.push({ prefix: subnet.AddressPrefix, gateway: typeof subnet.GatewayAddress === 'string' ? subnet.GatewayAddress : '' });
  }
  for (const ipam of list(properties.Ipams)) {
    for (const subnet of isRecord(ipam) ? list(ipam.Subnets) : []) {
      if (!isRecord(subnet) || typeof subnet.IpAddressPrefix !== 'string') continue;
      const route = list(subnet.Routes).find((r) => isRecord(r) && typeof r.NextHop === 'string') as { NextHop: string } | undefined;
      found.push({ prefix: subnet.IpAddressPrefix, gateway: route?.NextHop ?? '' });
    }
  }
  return found;
}
