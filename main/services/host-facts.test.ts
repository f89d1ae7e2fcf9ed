import { describe, expect, it } from 'vitest';
import { readHostFacts } from './host-facts.js';

const probe = (fullHyperV: boolean | null) => ({ logicalProcessors: () => 8, memoryBytes: () => 16 * 1024 ** 3, fullHyperV: () => fullHyperV });
const host = (build: number) => ({ build, userSid: 'S-1-5-21-1', elevated: true });

describe('host facts', () => {
  it('caps by the processors and memory, and says when a TPM is possible', () => {
    expect(readHostFacts(host(26100), probe(true))).toEqual({ logicalProcessors: 8, memoryMb: 16384, build: 26100, tpmUnavailable: null });
    expect(readHostFacts(host(22631), probe(true)).tpmUnavailable).toBe('older-windows');
    expect(readHostFacts(host(26100), probe(false)).tpmUnavailable).toBe('no-hyper-v');
    expect(readHostFacts(host(26100), probe(null)).tpmUnavailable).toBeNull();
  });
});
