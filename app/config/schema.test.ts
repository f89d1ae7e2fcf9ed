import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { sevenBJsonSchema } from './schema.js';

const stripBom = (text: string) => text.replace(/^\uFEFF/, '');
const fixture = (name: string) => JSON.parse(stripBom(readFileSync(new URL(`../../test/fixtures/nanabox/${name}`, import.meta.url), 'utf8')));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(sevenBJsonSchema());
const minimal = (extra: Record<string, unknown> = {}) => ({ NanaBox: { Type: 'VirtualMachine', Version: 1, ProcessorCount: 2, MemorySize: 2048, ...extra } });
const errorsOf = (doc: unknown) => (validate(doc) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.keyword}`));

describe('the .7b JSON Schema', () => {
  it('accepts the documented example', () => {
    expect(errorsOf(fixture('DocumentedExample.7b'))).toEqual([]);
  });

  it('is the file shipped in assets/', () => {
    const shipped = JSON.parse(readFileSync(new URL('../../assets/nanabox-7b.schema.json', import.meta.url), 'utf8'));
    expect(shipped).toEqual(sevenBJsonSchema());
  });

  it('types every known key strictly, even where NanaBox only ignores a bad value', () => {
    expect(errorsOf(minimal({ SecureBoot: 'true' }))).toEqual(['/NanaBox/SecureBoot type']);
    expect(errorsOf(minimal({ GuestType: 'windows' }))).toEqual(['/NanaBox/GuestType enum']);
    expect(errorsOf(minimal({ MemorySize: 2048.5 }))).toEqual(['/NanaBox/MemorySize type']);
    expect(errorsOf(minimal({ MemorySize: 4294967296 }))).toEqual(['/NanaBox/MemorySize maximum']);
    expect(errorsOf(minimal({ VideoMonitor: { HorizontalResolution: 70000 } }))).toEqual(['/NanaBox/VideoMonitor/HorizontalResolution maximum']);
    expect(errorsOf(minimal({ NetworkAdapters: [{ Connected: true, MacAddress: '00:15:5D:00:00:01' }] }))).toEqual(['/NanaBox/NetworkAdapters/0/MacAddress pattern']);
    expect(errorsOf(minimal({ Keyboard: { FullScreenHotkey: '3' } }))).toEqual(['/NanaBox/Keyboard/FullScreenHotkey type']);
  });

  it('checks the keys that NanaBox’s own schema misses because of its misplaced brace', () => {
    expect(errorsOf(minimal({ Tpm: 1, ScsiDevices: [{ Type: 'Floppy', Path: 'x' }] }))).toEqual(['/NanaBox/ScsiDevices/0/Type enum', '/NanaBox/Tpm type']);
  });

  it('flags what NanaBox would drop or refuse', () => {
    expect(errorsOf({ NanaBox: { Type: 'VirtualMachine', Version: 1 } })).toEqual(['/NanaBox required', '/NanaBox required']);
    expect(errorsOf(minimal({ ScsiDevices: [{ Type: 'VirtualDisk' }, { Type: 'VirtualImage' }] }))).toEqual(['/NanaBox/ScsiDevices/0 required', '/NanaBox/ScsiDevices/0 if']);
    expect(errorsOf(minimal({ Plan9Shares: [{ Path: 'p', Name: '', Port: 1 }] }))).toEqual(['/NanaBox/Plan9Shares/0/Name minLength']);
  });

  it('allows unknown keys everywhere, as Hako keeps them', () => {
    expect(errorsOf({ Other: 1, NanaBox: { ...minimal().NanaBox, name: 'x', ComPorts: { UefiConsole: 'Disabled', Note: 1 }, Hako: { Future: true } } })).toEqual([]);
  });
});
