/**
 * Virtual switches and endpoints for VM network adapters, the way NanaBox makes them
 * (reference/nanabox.md §4; NanaBox/ConfigurationManager.cpp `ComputeNetworkCreateEndpoint`), plus the
 * listing and switch creation the settings UI needs.
 *
 * HCN calls are synchronous in computenetwork.dll and cannot be cancelled once made; an AbortSignal is
 * checked between calls, and any handle opened before the abort is closed. Every handle this service
 * opens for itself is closed in a `finally`.
 */
import { webcrypto } from 'node:crypto';
import type { NetworkAdapter } from '../../app/config/model.js';
import { HakoError } from '../../app/errors/error-info.js';
import { HcsError } from '../../app/errors/hcs-error.js';
import { HRESULT } from '../../app/errors/hresult.js';
import {
  NANABOX_SWITCH_ID,
  NANABOX_SWITCH_NAME,
  defaultNetworkDocument,
  endpointDocument,
  networkDocument,
  newEndpointId,
  parseGuid,
  parseSubnet,
  switchForAdapter,
  type ParsedSubnet,
} from '../../app/network/documents.js';
import { networkSubnets, subnetProblem, suggestSubnet, type SubnetInfo } from '../../app/network/subnets.js';
import type { Hcn, HcnHandle } from './ports.js';

export type NetworkServiceErrorCode =
  /** The adapter's `EndpointId` is set but is not a GUID. */
  | 'InvalidEndpointId'
  /** `createSwitch` was given an empty or over-long name. */
  | 'InvalidSwitchName'
  /** `createSwitch` was given a subnet that does not read as `a.b.c.d/n`. */
  | 'InvalidSubnet';

/** Bad input, found before any HCN call. Failures of HCN itself are `HcsError`s (api `HCN`). */
export class NetworkServiceError extends HakoError {
  declare readonly code: NetworkServiceErrorCode;
  declare readonly params: Readonly<Record<string, string>>;

  constructor(code: NetworkServiceErrorCode, message: string, params: Record<string, string> = {}) {
    super(code, message, params);
    this.name = 'NetworkServiceError';
  }
}

/** An open network handle and how it was obtained. The caller closes `handle`. */
export interface EnsuredSwitch {
  readonly handle: HcnHandle;
  /** Lower-case GUID of the network actually used. */
  readonly id: string;
  /** The name Hako asked for (an existing network keeps its own). */
  readonly name: string;
  /** Hako created it (false: it existed and was opened). */
  readonly created: boolean;
  /** The chosen network failed and NanaBox's default switch is used instead. */
  readonly fellBack: boolean;
  /** Why the chosen network could not be used, when `fellBack`. */
  readonly fallbackReason?: HcsError | Error;
}

export interface CreateEndpointRequest {
  /** The endpoint's `Owner`: NanaBox sends the VM's Name. */
  readonly owner: string;
  readonly adapter: NetworkAdapter;
  /** The network to attach to, e.g. from `ensureSwitchForAdapter`; ensured (and closed) here when absent. */
  readonly network?: HcnHandle;
  readonly signal?: AbortSignal;
}

export interface CreatedEndpoint {
  /** Lower-case GUID: the adapter's own when it had one, else a new one (to write back). */
  readonly endpointId: string;
  /** The MAC address HCN reports (to write back); the requested one if HCN reports none. */
  readonly macAddress: string;
  /** The id was generated here (the adapter had none). */
  readonly generatedId: boolean;
}

export type DeleteEndpointResult =
  | { readonly outcome: 'deleted' }
  | { readonly outcome: 'not-found' }
  /** Reported, not thrown: NanaBox ignores deletion errors. */
  | { readonly outcome: 'failed'; readonly error: Error };

export interface NetworkSummary {
  readonly id: string;
  readonly name: string;
  /** HCN's `Type`; `NAT` when absent (HCN omits the zero value). */
  readonly type: string;
  /** NanaBox's own switch, the one an adapter without a suggestion uses. */
  readonly isDefault: boolean;
  readonly subnets: readonly SubnetInfo[];
  /** The endpoints on this switch (running VMs' adapters, and any left behind). */
  readonly endpoints: readonly string[];
}

export interface CreateSwitchRequest {
  readonly name: string;
  /** `a.b.c.d/n`, as `SuggestedSwitchSubnet`; none when absent or empty. */
  readonly subnet?: string;
  /** Subnets of the host's interfaces, which the new one must not overlap (HCN's own are checked too). */
  readonly hostSubnets?: readonly string[];
  readonly signal?: AbortSignal;
}

export interface CreatedSwitch {
  readonly id: string;
  readonly name: string;
  readonly subnet: ParsedSubnet | null;
}

export interface NetworkServiceOptions {
  /** Random bytes for new GUIDs (tests pin them); crypto.getRandomValues by default. */
  random?: (length: number) => Uint8Array;
}

function isHcnCode(error: unknown, hresult: number): boolean {
  return error instanceof HcsError && error.is(hresult);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

async function closeQuietly(handle: HcnHandle): Promise<void> {
  try {
    await handle.close();
  } catch {
    // Closing is best effort; the handle is gone from our side either way.
  }
}

const defaultRandom = (length: number): Uint8Array => webcrypto.getRandomValues(new Uint8Array(length));

export class NetworkService {
  private readonly hcn: Hcn;
  private readonly random: (length: number) => Uint8Array;

  constructor(hcn: Hcn, options: NetworkServiceOptions = {}) {
    this.hcn = hcn;
    this.random = options.random ?? defaultRandom;
  }

  /** Creates network `id`, or opens it when it already exists. */
  private async createOrOpen(id: string, document: object): Promise<{ handle: HcnHandle; created: boolean }> {
    try {
      return { handle: await this.hcn.createNetwork(id, document), created: true };
    } catch (error) {
      if (!isHcnCode(error, HRESULT.HCN_E_NETWORK_ALREADY_EXISTS)) throw error;
    }
    return { handle: await this.hcn.openNetwork(id), created: false };
  }

  /**
   * The network an adapter's endpoint goes on (nanabox.md §4.1): create the chosen network with its
   * document; if it exists, open it; on any other failure use NanaBox's default switch without a subnet
   * (create, or open if it exists); if that fails too, its error is thrown. The caller closes the handle.
   */
  async ensureSwitchForAdapter(adapter: NetworkAdapter, signal?: AbortSignal): Promise<EnsuredSwitch> {
    signal?.throwIfAborted();
    const choice = switchForAdapter(adapter);
    let result: EnsuredSwitch;
    try {
      const { handle, created } = await this.createOrOpen(choice.id, networkDocument(choice.name, choice.subnet));
      result = { handle, id: choice.id, name: choice.name, created, fellBack: false };
    } catch (firstError) {
      signal?.throwIfAborted();
      const { handle, created } = await this.createOrOpen(NANABOX_SWITCH_ID, defaultNetworkDocument());
      result = {
        handle,
        id: NANABOX_SWITCH_ID,
        name: NANABOX_SWITCH_NAME,
        created,
        fellBack: true,
        fallbackReason: asError(firstError),
      };
    }
    if (signal?.aborted) {
      await closeQuietly(result.handle);
      signal.throwIfAborted();
    }
    return result;
  }

  /**
   * Creates the adapter's endpoint (nanabox.md §4.2): its `EndpointId`, or a new lower-case GUID;
   * `{SchemaVersion 2.0, Owner, HostComputeNetwork, MacAddress if set}`; then reads back the MAC HCN
   * assigned. The endpoint handle is closed; the endpoint stays until deleted.
   */
  async createEndpoint(request: CreateEndpointRequest): Promise<CreatedEndpoint> {
    const { adapter, owner, signal } = request;
    signal?.throwIfAborted();
    let endpointId: string;
    let generatedId = false;
    if (adapter.EndpointId === '') {
      endpointId = newEndpointId(this.random);
      generatedId = true;
    } else {
      const parsed = parseGuid(adapter.EndpointId);
      if (parsed === null) {
        throw new NetworkServiceError(
          'InvalidEndpointId',
          `The network adapter's EndpointId ${JSON.stringify(adapter.EndpointId)} is not a GUID`,
          { endpointId: adapter.EndpointId },
        );
      }
      endpointId = parsed;
    }

    if (request.network !== undefined) {
      return this.createEndpointOn(request.network, endpointId, generatedId, owner, adapter, signal);
    }
    const ensured = await this.ensureSwitchForAdapter(adapter, signal);
    try {
      return await this.createEndpointOn(ensured.handle, endpointId, generatedId, owner, adapter, signal);
    } finally {
      await closeQuietly(ensured.handle);
    }
  }

  private async createEndpointOn(
    network: HcnHandle,
    endpointId: string,
    generatedId: boolean,
    owner: string,
    adapter: NetworkAdapter,
    signal: AbortSignal | undefined,
  ): Promise<CreatedEndpoint> {
    signal?.throwIfAborted();
    const document = endpointDocument({ owner, networkId: network.id, macAddress: adapter.MacAddress });
    const endpoint = await this.hcn.createEndpoint(network, endpointId, document);
    let properties: Record<string, unknown>;
    try {
      properties = await endpoint.properties();
      signal?.throwIfAborted();
    } catch (error) {
      // Do not leave a half-made endpoint behind; NanaBox would clean it at the next start.
      await closeQuietly(endpoint);
      await this.deleteEndpoint(endpointId);
      throw error;
    }
    await closeQuietly(endpoint);
    const reported = properties.MacAddress;
    const macAddress = typeof reported === 'string' && reported !== '' ? reported : adapter.MacAddress;
    return { endpointId, macAddress, generatedId };
  }

  /** Deletes an endpoint by id. Never throws: a failure is reported in the result (NanaBox ignores it). */
  async deleteEndpoint(id: string): Promise<DeleteEndpointResult> {
    const guid = parseGuid(id);
    if (guid === null) {
      return { outcome: 'failed', error: new NetworkServiceError('InvalidEndpointId', `${JSON.stringify(id)} is not a GUID`, { endpointId: id }) };
    }
    try {
      await this.hcn.deleteEndpoint(guid);
      return { outcome: 'deleted' };
    } catch (error) {
      if (isHcnCode(error, HRESULT.HCN_E_ENDPOINT_NOT_FOUND)) return { outcome: 'not-found' };
      return { outcome: 'failed', error: asError(error) };
    }
  }

  /**
   * Every network HCN knows, for a picker: enumerate, then open, query and close each. A network that
   * disappears in between is left out.
   */
  async listNetworks(signal?: AbortSignal): Promise<NetworkSummary[]> {
    signal?.throwIfAborted();
    const ids = await this.hcn.enumerateNetworks();
    const seen = new Set<string>();
    const result: NetworkSummary[] = [];
    for (const raw of ids) {
      signal?.throwIfAborted();
      const id = parseGuid(raw) ?? raw.toLowerCase();
      if (seen.has(id)) continue;
      seen.add(id);
      let handle: HcnHandle;
      try {
        handle = await this.hcn.openNetwork(id);
      } catch (error) {
        if (isHcnCode(error, HRESULT.HCN_E_NETWORK_NOT_FOUND)) continue;
        throw error;
      }
      let properties: Record<string, unknown>;
      try {
        properties = await handle.properties();
      } catch (error) {
        if (isHcnCode(error, HRESULT.HCN_E_NETWORK_NOT_FOUND)) continue;
        throw error;
      } finally {
        await closeQuietly(handle);
      }
      const name = typeof properties.Name === 'string' ? properties.Name : '';
      const type = typeof properties.Type === 'string' && properties.Type !== '' ? properties.Type : 'NAT';
      result.push({ id, name, type, isDefault: id === NANABOX_SWITCH_ID, subnets: networkSubnets(properties), endpoints: [] });
    }
    const endpoints = await this.endpointsByNetwork(signal);
    return result.map((network) => ({ ...network, endpoints: endpoints.get(network.id) ?? [] }));
  }

  /** Which endpoints sit on which network: enumerate, then open, query and close each. */
  private async endpointsByNetwork(signal?: AbortSignal): Promise<Map<string, string[]>> {
    const byNetwork = new Map<string, string[]>();
    for (const raw of await this.hcn.enumerateEndpoints()) {
      signal?.throwIfAborted();
      const id = parseGuid(raw) ?? raw.toLowerCase();
      let handle: HcnHandle;
      try {
        handle = await this.hcn.openEndpoint(id);
      } catch (error) {
        if (isHcnCode(error, HRESULT.HCN_E_ENDPOINT_NOT_FOUND)) continue;
        throw error;
      }
      try {
        const properties = await handle.properties();
        const network = typeof properties.HostComputeNetwork === 'string' ? (parseGuid(properties.HostComputeNetwork) ?? properties.HostComputeNetwork.toLowerCase()) : null;
        if (network !== null) byNetwork.set(network, [...(byNetwork.get(network) ?? []), id]);
      } catch (error) {
        if (!isHcnCode(error, HRESULT.HCN_E_ENDPOINT_NOT_FOUND)) throw error;
      } finally {
        await closeQuietly(handle);
      }
    }
    return byNetwork;
  }

  /** A subnet for a new switch that none of the host's networks (HCN's and `hostSubnets`) uses. */
  async suggestSubnet(hostSubnets: readonly string[] = []): Promise<SubnetInfo | null> {
    const networks = await this.listNetworks();
    return suggestSubnet([...hostSubnets, ...networks.flatMap((n) => n.subnets.map((s) => s.prefix))]);
  }

  /**
   * Deletes a switch no running VM is connected to. `owner` says whose each endpoint is: a stopped VM's
   * endpoint goes with the switch (its start makes it again, as the `.7b` still names the switch), a
   * running VM's or an unknown one refuses the deletion, naming them.
   */
  async deleteSwitch(id: string, owner: (endpointId: string) => { readonly name: string; readonly running: boolean } | null): Promise<void> {
    const network = (await this.listNetworks()).find((n) => n.id === (parseGuid(id) ?? id.toLowerCase()));
    if (network === undefined) throw new HakoError('SwitchNotFound', `There is no switch ${id}.`, { id });
    const blocking = network.endpoints.map((e) => ({ endpoint: e, vm: owner(e) })).filter(({ vm }) => vm === null || vm.running);
    if (blocking.length > 0) {
      const users = [...new Set(blocking.map(({ vm }) => vm?.name ?? 'an endpoint no VM in the library records'))];
      throw new HakoError('SwitchInUse', `${network.name || id} is in use by ${users.join(', ')}; stop ${users.length === 1 ? 'it' : 'them'} first.`, { id, count: blocking.length });
    }
    for (const endpoint of network.endpoints) await this.deleteEndpoint(endpoint);
    await this.hcn.deleteNetwork(network.id);
  }

  /**
   * A new isolated, non-persistent ICS switch like NanaBox's, with a new GUID. Like NanaBox's own it
   * disappears at host reboot; an adapter that names it (SuggestedSwitchId/Name/Subnet) re-creates it
   * on the next start.
   */
  async createSwitch(request: CreateSwitchRequest): Promise<CreatedSwitch> {
    const name = request.name.trim();
    if (name === '' || name.length > 256) {
      throw new NetworkServiceError('InvalidSwitchName', 'A switch needs a name of 1 to 256 characters', {
        name: request.name,
      });
    }
    let subnet: ParsedSubnet | null = null;
    if (request.subnet !== undefined && request.subnet.trim() !== '') {
      subnet = parseSubnet(request.subnet);
      const strict = subnetProblem(request.subnet.trim(), []);
      if (subnet === null || strict !== null) {
        throw new NetworkServiceError('InvalidSubnet', `${JSON.stringify(request.subnet)} is not a subnet like 192.168.50.0/24 (a prefix of 8 to 30 bits)`, {
          subnet: request.subnet,
        });
      }
      // A switch whose range another network uses would route that range into the VM's NAT.
      const taken = [...(request.hostSubnets ?? []), ...(await this.listNetworks(request.signal)).flatMap((n) => n.subnets.map((s) => s.prefix))];
      const overlap = subnetProblem(request.subnet.trim(), taken);
      if (overlap !== null) {
        throw new HakoError('SubnetInUse', `${subnet.addressPrefix} overlaps ${overlap.other ?? 'a network of this computer'}, which a network of this computer uses; choose another subnet.`, {
          subnet: subnet.addressPrefix,
          other: overlap.other ?? '',
        });
      }
    }
    request.signal?.throwIfAborted();
    const id = newEndpointId(this.random);
    const handle = await this.hcn.createNetwork(id, networkDocument(name, subnet));
    await closeQuietly(handle);
    return { id, name, subnet };
  }
}
