/**
 * What the "New NAT switch" form checks before asking main: a name, and a subnet in the form NanaBox
 * reads that no switch of the host already uses (app/network/subnets.ts; main checks it again against
 * the host's interfaces too).
 */
import { gatewayOf, subnetProblem } from '../../../../app/network/subnets.js';
import type { CallOutput } from '../../../../app/ipc/contract.js';

export type HostNetwork = CallOutput<'networks.list'>[number];

export const MAX_SWITCH_NAME = 256;

export function switchNameProblem(name: string, networks: readonly HostNetwork[]): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return 'Enter a name for the switch.';
  if (trimmed.length > MAX_SWITCH_NAME) return `Use at most ${MAX_SWITCH_NAME} characters.`;
  if (networks.some((n) => n.name.toLowerCase() === trimmed.toLowerCase())) return `A switch named ${networks.find((n) => n.name.toLowerCase() === trimmed.toLowerCase())!.name} exists already.`;
  return undefined;
}

/** An empty subnet is allowed: Windows then chooses the range. */
export function switchSubnetProblem(subnet: string, networks: readonly HostNetwork[]): string | undefined {
  if (subnet.trim() === '') return undefined;
  const found = subnetProblem(subnet.trim(), networks.flatMap((n) => n.subnets.map((s) => s.prefix)));
  if (found === null) return undefined;
  switch (found.problem) {
    case 'format':
      return 'Expected a subnet like 192.168.100.0/24.';
    case 'size':
      return 'Use a prefix length from /8 to /30.';
    case 'overlap': {
      const owner = networks.find((n) => n.subnets.some((s) => s.prefix === found.other));
      return `Overlaps ${found.other}${owner ? ` (${owner.name})` : ''}; choose another subnet.`;
    }
  }
}

/** The gateway the switch gets, as NanaBox derives it, or '' while the subnet does not read. */
export function switchGateway(subnet: string): string {
  return (subnet.trim() !== '' && gatewayOf(subnet)) || '';
}
