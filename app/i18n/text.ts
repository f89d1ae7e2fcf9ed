/**
 * The words for the core's values in the active language: VM states and actions (the window and the
 * tray name them alike), settings by JSON Pointer, findings by code and params, and errors by code
 * and params. Findings and errors fall back to the English text main sent when the catalogue has no
 * message for their code, or lacks an argument it needs (a newer main, an older catalogue).
 */
import type { FindingParams } from '../config/findings.js';
import { findingMessage, type FindingCode } from '../config/findings.js';
import type { VmConfig } from '../config/model.js';
import { baseName } from '../paths/parts.js';
import type { VmAction, VmState } from '../vm/state.js';
import type { Translator } from './translator.js';

export function stateLabel(tr: Translator, state: VmState): string {
  return tr.t(`vm.state.${state}`);
}

export function actionLabel(tr: Translator, action: VmAction): string {
  return tr.t(`vm.action.${action}`);
}

export function actionHint(tr: Translator, action: VmAction): string {
  return tr.t(`vm.hint.${action}`);
}

function unescapePointer(part: string): string {
  return part.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** A setting's name for people from its JSON Pointer, as app/config/setting-labels.ts words it in English. */
export function settingLabelText(tr: Translator, pointer: string, config?: VmConfig | null): string {
  const parts = pointer.split('/').slice(1).map(unescapePointer);
  if (parts[0] !== 'NanaBox' || parts.length < 2) return pointer || tr.t('setting.wholeFile');
  const [, top, index, field] = parts as [string, string, string | undefined, string | undefined];
  const n = index === undefined ? 0 : Number(index) + 1;
  if (top === 'ScsiDevices' && index !== undefined) {
    const device = config?.ScsiDevices[Number(index)];
    const label = tr.t(device?.Type === 'VirtualImage' ? 'setting.dvd' : device?.Type === 'PhysicalDevice' ? 'setting.physical' : 'setting.disk', { n });
    return device?.Path ? tr.t('setting.withFile', { label, file: baseName(device.Path) }) : label;
  }
  if (top === 'NetworkAdapters' && index !== undefined) return tr.t('setting.adapter', { n });
  if (top === 'Plan9Shares' && index !== undefined) return tr.t('setting.plan9', { n });
  if (top === 'VirtualSmbShares' && index !== undefined) return tr.t('setting.smb', { n });
  if (top === 'ComPorts' && index !== undefined) return tr.maybe(`setting.com.${index}`) ?? tr.t('setting.sub', { base: tr.t('setting.ComPorts'), key: index });
  const base = tr.maybe(`setting.${top}`) ?? top;
  return index !== undefined && field === undefined && top !== 'Policies' ? tr.t('setting.sub', { base, key: index }) : base;
}

export interface FindingLike {
  readonly code: string;
  readonly params: FindingParams;
}

/** A finding's sentence; codes the catalogue lacks keep main's English text (or their code and params). */
export function findingText(tr: Translator, finding: FindingLike): string {
  const { code, params } = finding;
  const variant = code === 'key.unknown' && params.suggestion !== undefined ? `finding.${code}.suggestion` : `finding.${code}`;
  const translated = tr.maybe(variant, params);
  if (translated !== null) return translated;
  let english: string | null;
  try {
    english = findingMessage(code as FindingCode, params);
  } catch {
    english = typeof params.message === 'string' ? params.message : null;
  }
  if (english !== null) return english.charAt(0).toUpperCase() + english.slice(1);
  const listed = Object.entries(params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
  return listed ? tr.t('findings.unknownCode', { code, params: listed }) : code;
}

export interface ErrorLike {
  readonly code: string;
  readonly message: string;
  readonly params?: Readonly<Record<string, string | number | boolean>> | undefined;
  readonly advice?: string | null | undefined;
}

export interface ErrorText {
  readonly message: string;
  readonly advice?: string;
  /** Main's own (English) message, when `message` is a translation that says less. */
  readonly original?: string;
}

/**
 * An error in the active language. English shows main's message as it is (the most specific words);
 * another language shows the catalogue's message for the code (an HRESULT's name, or Hako's code with
 * its params), with main's message kept as the technical detail.
 */
export function errorText(tr: Translator, error: ErrorLike): ErrorText {
  const english = tr.locale === 'en';
  const hresultMessage = tr.maybe(`hresult.${error.code}`);
  const advice = (hresultMessage !== null ? tr.maybe(`hresult.${error.code}.advice`) : null) ?? error.advice ?? undefined;
  const translated = english ? null : (hresultMessage ?? tr.maybe(`error.${error.code}`, error.params ?? {}));
  return {
    message: translated ?? error.message,
    ...(advice ? { advice } : {}),
    ...(translated !== null && translated !== error.message ? { original: error.message } : {}),
  };
}
