import { describe, expect, it } from 'vitest';
import { rdpCommandProblem } from './rdp-command.js';

describe('a preferred RDP client command', () => {
  it('is whole when it splits into a program and its arguments', () => {
    expect(rdpCommandProblem('xfreerdp /v:127.0.0.1:{port} /cert:ignore')).toBeNull();
    expect(rdpCommandProblem('"C:\\Program Files\\FreeRDP\\wfreerdp.exe" \'{file}\'')).toBeNull();
  });

  it('says which quote is not closed, and that an empty one runs nothing', () => {
    expect(rdpCommandProblem('xfreerdp "{file}')).toEqual({ code: 'unclosed', quote: '"' });
    expect(rdpCommandProblem("\"C:\\x y\\rdp.exe\" '{file}")).toEqual({ code: 'unclosed', quote: "'" });
    expect(rdpCommandProblem('   ')).toEqual({ code: 'empty' });
  });
});
