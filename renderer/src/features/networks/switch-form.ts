/**
 * What the "New NAT switch" form checks before asking main: a name, and a subnet in the form NanaBox
 * reads that no switch of the host already uses (app/network/subnets.ts; main checks it again against
 * the host's interfaces too). Problems are catalogue messages with their values.
 */
import type { MessageKey } from '../../../../app/i18n/catalogue.js';
import { gatewayOf, subnetProblem } from '../../../../app/network/subnets.js';
import type { CallOutput } from '../../../../app/ipc/contract.js';

export type HostNetwork = CallOutput<'networks.list'>[number];

export interface FormProblem {
  readonly key: MessageKey;
  readonly values?: Readonly<Record<string, string | number>>;
}

export const MAX_SWITCH_NAME = 256;

export function switchNameProblem(name: string, networks: readonly HostNetwork[]): FormProblem | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return { key: 'networks.create.name.empty' };
  if (trimmed.length > MAX_SWITCH_NAME) return { key: 'networks.create.name.long', values: { max: MAX_SWITCH_NAME } };
  const same = networks.find((n) => n.name.toLowerCase() === trimmed.toLowerCase());
  return same ? { key: 'networks.create.name.taken', values: { name: same.name } } : undefined;
}

/** An empty subnet is allowed: Windows then chooses the range. */
export function switchSubnetProblem(subnet: string, networks: readonly HostNetwork[]): FormProblem | undefined {
  if (subnet.trim() === '') return undefined;
  const found = subnetProblem(subnet.trim(), networks.flatMap((n) => n.subnets.map((s) => s.prefix)));
  if (found === null) return undefined;
  switch (found.problem) {
    case 'format':
      return { key: 'networks.create.subnet.format' };
    case 'size':
      return { key: 'networks.create.subnet.size' };
    case 'overlap': {
      const owner = networks.find((n) => n.subnets.some((s) => s.prefix === found.other));
      return { key: 'networks.create.subnet.overlap', values: { other: found.other ?? '', name: owner?.name ?? '' } };
    }
  }
}

/** The gateway the switch gets, as NanaBox derives it, or '' while the subnet does not read. */
export function switchGateway(subnet: string): string {
  return (subnet.trim() !== '' && gatewayOf(subnet)) || '';
}
