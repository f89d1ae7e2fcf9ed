import { describe, expect, it } from 'vitest';
import { EXTERNAL_LINKS } from '../../app/links.js';
import { externalLinkTarget } from './external-links.js';

describe('external links', () => {
  it('opens exactly the pages Hako links to', () => {
    for (const url of Object.values(EXTERNAL_LINKS)) expect(externalLinkTarget(url)).toBe(url);
  });

  it('refuses everything else, look-alikes included', () => {
    for (const url of [
      'https://github.com/someone/hako/issues/1',
      'https://github.com/evil/nanabox',
      'https://github.com/M2Team/NanaBox/blob/main/Documents/GenerateVmmsCertificate.ps1?x=1',
      'http://github.com/M2Team/NanaBox',
      'https://user:pw@github.com/M2Team/NanaBox',
      'https://github.com:444/M2Team/NanaBox',
      'https://github.com.evil.example/M2Team/NanaBox',
      'https://evil.example/?https://github.com/M2Team/NanaBox',
      'javascript:alert(1)',
      'file:///C:/Windows/System32/calc.exe',
      'app://hako/index.html',
      'not a url',
    ]) {
      expect(externalLinkTarget(url), url).toBeNull();
    }
  });
});
