import { describe, expect, it } from 'vitest';
import en from '../../../../app/i18n/messages/en.json' with { type: 'json' };
import { createTranslator } from '../../../../app/i18n/translator.js';
import { switchGateway, switchNameProblem, switchSubnetProblem, type FormProblem, type HostNetwork } from './switch-form.js';

const tr = createTranslator('en', en);
const text = (problem: FormProblem | undefined) => (problem === undefined ? undefined : tr.t(problem.key, problem.values));
const lab: HostNetwork = { id: 'a', name: 'Lab', type: 'ICS', isDefault: false, subnets: [{ prefix: '10.9.0.0/16', gateway: '10.9.0.1' }], usedBy: [], endpointCount: 0 };

describe('the new switch form', () => {
  it('needs a name no other switch has', () => {
    expect(switchNameProblem('Test', [lab])).toBeUndefined();
    expect(text(switchNameProblem('  ', [lab]))).toMatch(/Enter a name/);
    expect(text(switchNameProblem('lab', [lab]))).toMatch(/Lab exists already/);
    expect(text(switchNameProblem('x'.repeat(257), []))).toMatch(/at most 256/);
  });

  it('takes a subnet that reads and collides with no switch, or none', () => {
    expect(switchSubnetProblem('', [lab])).toBeUndefined();
    expect(switchSubnetProblem('192.168.100.0/24', [lab])).toBeUndefined();
    expect(text(switchSubnetProblem('192.168.100/24', [lab]))).toMatch(/like 192\.168\.100\.0\/24/);
    expect(text(switchSubnetProblem('10.9.4.0/24', [lab]))).toBe('Overlaps 10.9.0.0/16 (Lab); choose another subnet.');
    expect(text(switchSubnetProblem('10.1.0.0/31', [lab]))).toMatch(/\/8 to \/30/);
  });

  it('shows the gateway NanaBox gives it', () => {
    expect(switchGateway('192.168.100.0/24')).toBe('192.168.100.1');
    expect(switchGateway('')).toBe('');
    expect(switchGateway('nonsense')).toBe('');
  });
});
