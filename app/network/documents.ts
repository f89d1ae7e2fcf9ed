/**
 * Host Compute Network documents for a VM's network adapters, built the way NanaBox builds them
 * (reference/nanabox.md §4, hcs-api.md §7.3–7.4; NanaBox/ConfigurationManager.cpp
 * `ComputeNetworkCreateEndpoint`).
 *
 * Key order: NanaBox builds these with `nlohmann::json`, whose objects are `std::map`s, so the text it
 * sends has its keys in byte order. The objects below are built in that order so that `JSON.stringify`
 * gives the same text NanaBox sends; HCN itself does not care.
 */
import type { NetworkAdapter } from '../config/model.js';

/**
 * NanaBox's private switch. NanaBox declares it upper-case (`NanaBoxSwitchId` in HostCompute.h) but
 * every string it sends (switch names, `HostComputeNetwork`) goes through its `FromGuid`, which prints
 * lower-case; the id itself reaches HCN as a binary GUID. Kept lower-case here for the same reason.
 */
export const NANABOX_SWITCH_ID = '85c8668e-36fe-447f-aae0-ba159a0142a7';
export const NANABOX_SWITCH_NAME = 'NanaBox';

/** HNS network flag bits (WSL's hns_schema.h, same values in NanaBox's HostCompute.h). */
export const NETWORK_FLAGS = {
  EnableDns: 1,
  EnableDhcp: 2,
  EnableNonPersistent: 8,
} as const;

/** What NanaBox sets on its ICS switch: the switch goes away at host reboot and is re-created on start. */
export const NANABOX_NETWORK_FLAGS =
  NETWORK_FLAGS.EnableDns | NETWORK_FLAGS.EnableDhcp | NETWORK_FLAGS.EnableNonPersistent;

/**
 * NanaBox's comment calls this "EnableDns | EnableDhcp", but the HCN schema names the IpSubnet flags
 * EnableBroadcast and ReserveNetworkAddress. Only the number is sent, so it is kept as a number.
 */
export const NANABOX_IP_SUBNET_FLAGS = 3;

/** HNS object-type tags NanaBox puts on the subnet objects. */
export const HNS_OBJECT_TYPE_SUBNET = 5;
export const HNS_OBJECT_TYPE_IP_SUBNET = 6;

export interface ParsedSubnet {
  /** `a.b.c.d/n`, re-formatted from the parsed bytes. */
  addressPrefix: string;
  /** The first three octets of the prefix and `.1`. */
  gateway: string;
}

export interface SwitchChoice {
  /** Lower-case GUID of the network to create (or open if it already exists). */
  id: string;
  name: string;
  /** Applies to whichever network is created; HCN ignores it when the network already exists. */
  subnet: ParsedSubnet | null;
  /** `id` is NanaBox's own switch. */
  isDefault: boolean;
}

export interface IpSubnetDocument {
  Flags: number;
  IpAddressPrefix: string;
  ObjectType: typeof HNS_OBJECT_TYPE_IP_SUBNET;
}

export interface SubnetDocument {
  AddressPrefix: string;
  GatewayAddress: string;
  IpSubnets: IpSubnetDocument[];
  ObjectType: typeof HNS_OBJECT_TYPE_SUBNET;
}

/** Settings for `HcnCreateNetwork`: the v1 (HNS) flavour, no SchemaVersion, as NanaBox and WSL send. */
export interface NetworkDocument {
  Flags: number;
  IsolateSwitch: true;
  Name: string;
  Subnets?: SubnetDocument[];
  Type: 'ICS';
}

/** Settings for `HcnCreateEndpoint` (v2 schema). */
export interface EndpointDocument {
  HostComputeNetwork: string;
  MacAddress?: string;
  Owner: string;
  SchemaVersion: { Major: 2; Minor: 0 };
}

export interface EndpointRequest {
  owner: string;
  /** Any form `parseGuid` accepts; sent lower-case. */
  networkId: string;
  /** Sent only when non-empty, as NanaBox does; HNS assigns one otherwise. */
  macAddress?: string;
}

const GUID_BODY = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

/**
 * Parses a GUID the way NanaBox does (`winrt::guid(std::string_view)` in C++/WinRT ≥ 2.0.220224, and
 * NanaBox builds with 3.x): exactly 36 characters with hyphens at 8, 13, 18, 23 and ASCII hex digits in
 * either case elsewhere, optionally wrapped in a matching `{…}` or `(…)` pair. No whitespace trimming.
 * Returns the lower-case 36-character form, or `null` where C++/WinRT would throw.
 */
export function parseGuid(text: string): string | null {
  let body = text;
  if (
    body.length === 38 &&
    ((body.startsWith('{') && body.endsWith('}')) || (body.startsWith('(') && body.endsWith(')')))
  ) {
    body = body.slice(1, 37);
  }
  return GUID_BODY.test(body) ? body.toLowerCase() : null;
}

/**
 * A new random (RFC 4122 version 4) GUID, lower-case without braces, as NanaBox writes a generated
 * `EndpointId` back. The random source is a parameter so that app/ needs no crypto module and tests can
 * pin the bytes; it must return at least 16 bytes (only the first 16 are used).
 */
export function newEndpointId(random: (length: number) => Uint8Array): string {
  const source = random(16);
  if (source.length < 16) {
    throw new RangeError(`newEndpointId: the random source returned ${source.length} bytes, 16 are needed`);
  }
  const bytes = Uint8Array.from(source.subarray(0, 16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UINT64_MAX = (1n << 64n) - 1n;

function isCSpace(ch: string | undefined): boolean {
  // C-locale isspace: NanaBox never changes the locale.
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\v' || ch === '\f' || ch === '\r';
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/**
 * One `%hhu` conversion as the Universal CRT performs it: skip C whitespace, an optional `+`/`-`, one or
 * more decimal digits (any number of them: no width), accumulated in 64 bits. A value beyond 2^64−1
 * becomes 2^64−1; a `-` negates modulo 2^64; the byte stored is the low 8 bits. So `300` → 44, `-1` →
 * 255, `256` → 0, and a 20-digit overflow → 255.
 */
function scanHhu(text: string, start: number): { value: number; next: number } | null {
  let i = start;
  while (isCSpace(text[i])) i++;
  let negative = false;
  if (text[i] === '-' || text[i] === '+') {
    negative = text[i] === '-';
    i++;
  }
  if (!isDigit(text[i])) return null;
  let value = 0n;
  let overflow = false;
  while (isDigit(text[i])) {
    if (!overflow) {
      value = value * 10n + BigInt(text.charCodeAt(i) - 48);
      if (value > UINT64_MAX) overflow = true;
    }
    i++;
  }
  let wide = overflow ? UINT64_MAX : value;
  if (negative && !overflow) wide = (-wide) & UINT64_MAX;
  return { value: Number(wide & 0xffn), next: i };
}

/**
 * NanaBox's `sscanf_s(text, "%hhu.%hhu.%hhu.%hhu/%hhu")` with the result accepted only when all five
 * conversions succeed, then re-formatted with `%hhu`. Matching follows scanf: `.` and `/` must follow a
 * number directly (no whitespace before them), whitespace before a number is skipped, anything after
 * the prefix length is ignored, nothing is range-checked or masked (`10.0.0.5/40` stays as written, its
 * gateway is `10.0.0.1`). NanaBox passes the UTF-8 `c_str()`, so the text ends at the first NUL.
 * An empty text means "no subnet" in NanaBox and gives `null` here too.
 */
export function parseSubnet(text: string): ParsedSubnet | null {
  const nul = text.indexOf('\0');
  const input = nul === -1 ? text : text.slice(0, nul);
  const values: number[] = [];
  let pos = 0;
  const separators = ['.', '.', '.', '/'];
  for (let k = 0; k < 5; k++) {
    const scanned = scanHhu(input, pos);
    if (scanned === null) return null;
    values.push(scanned.value);
    pos = scanned.next;
    const separator = separators[k];
    if (separator !== undefined) {
      if (input[pos] !== separator) return null;
      pos++;
    }
  }
  const [a, b, c, d, n] = values as [number, number, number, number, number];
  return { addressPrefix: `${a}.${b}.${c}.${d}/${n}`, gateway: `${a}.${b}.${c}.1` };
}

/**
 * Which network an adapter's endpoint goes on (nanabox.md §4.1): the suggested id only when it parses
 * and is not NanaBox's own; its name is the suggested name unless that is empty or exactly "NanaBox"
 * (case-sensitive), in which case `NanaBox_<guid>` keeps it apart from the default switch. A suggested
 * name without a usable suggested id is ignored. The subnet goes with whichever network is created.
 */
export function switchForAdapter(adapter: NetworkAdapter): SwitchChoice {
  const subnet = adapter.SuggestedSwitchSubnet === '' ? null : parseSubnet(adapter.SuggestedSwitchSubnet);
  const suggested = adapter.SuggestedSwitchId === '' ? null : parseGuid(adapter.SuggestedSwitchId);
  if (suggested === null || suggested === NANABOX_SWITCH_ID) {
    return { id: NANABOX_SWITCH_ID, name: NANABOX_SWITCH_NAME, subnet, isDefault: true };
  }
  const name =
    adapter.SuggestedSwitchName === '' || adapter.SuggestedSwitchName === NANABOX_SWITCH_NAME
      ? `${NANABOX_SWITCH_NAME}_${suggested}`
      : adapter.SuggestedSwitchName;
  return { id: suggested, name, subnet, isDefault: false };
}

/** `HcnCreateNetwork` settings for an isolated, non-persistent ICS switch, optionally with one subnet. */
export function networkDocument(name: string, subnet: ParsedSubnet | null): NetworkDocument {
  const document: NetworkDocument = {
    Flags: NANABOX_NETWORK_FLAGS,
    IsolateSwitch: true,
    Name: name,
    Type: 'ICS',
  };
  if (subnet === null) return document;
  return {
    Flags: document.Flags,
    IsolateSwitch: document.IsolateSwitch,
    Name: document.Name,
    Subnets: [
      {
        AddressPrefix: subnet.addressPrefix,
        GatewayAddress: subnet.gateway,
        IpSubnets: [
          {
            Flags: NANABOX_IP_SUBNET_FLAGS,
            IpAddressPrefix: subnet.addressPrefix,
            ObjectType: HNS_OBJECT_TYPE_IP_SUBNET,
          },
        ],
        ObjectType: HNS_OBJECT_TYPE_SUBNET,
      },
    ],
    Type: document.Type,
  };
}

/**
 * The fallback when the chosen network can be neither created nor opened: NanaBox's own switch, with
 * the suggested subnet dropped (it may be what made the first attempt fail).
 */
export function defaultNetworkDocument(): NetworkDocument {
  return networkDocument(NANABOX_SWITCH_NAME, null);
}

/** `HcnCreateEndpoint` settings. Throws a RangeError when `networkId` is not a GUID. */
export function endpointDocument(request: EndpointRequest): EndpointDocument {
  const network = parseGuid(request.networkId);
  if (network === null) {
    throw new RangeError(`endpointDocument: networkId ${JSON.stringify(request.networkId)} is not a GUID`);
  }
  const document: EndpointDocument = {
    HostComputeNetwork: network,
    Owner: request.owner,
    SchemaVersion: { Major: 2, Minor: 0 },
  };
  if (request.macAddress === undefined || request.macAddress === '') return document;
  return {
    HostComputeNetwork: document.HostComputeNetwork,
    MacAddress: request.macAddress,
    Owner: document.Owner,
    SchemaVersion: document.SchemaVersion,
  };
}
