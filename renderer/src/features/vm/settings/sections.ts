/**
 * The sections of the settings editor, in the order the navigation lists them, with the top-level keys
 * of the file each one edits (a section's error count sums the findings under those keys). A new
 * section is one entry here and one folder beside this file.
 */
import type { ComponentType } from 'react';
import type { MessageKey } from '../../../../../app/i18n/catalogue.js';
import type { IconName } from '../../../kit/Icon/Icon.js';
import { findingsAt, type FindingLike } from '../findings/findings.js';
import { AdvancedSection } from './advanced/AdvancedSection.js';
import { ComPortsSection } from './com-ports/ComPortsSection.js';
import { DisplaySection } from './display/DisplaySection.js';
import { CONFIG_POINTER } from './editor/pointer.js';
import { GeneralSection } from './general/GeneralSection.js';
import { NetworkSection } from './network/NetworkSection.js';
import { SecuritySection } from './security/SecuritySection.js';
import { EnhancedSessionSection } from './session/EnhancedSessionSection.js';
import { StorageSection } from './storage/StorageSection.js';

export type SectionId = 'general' | 'storage' | 'network' | 'display' | 'security' | 'com' | 'session' | 'advanced';

export interface Section {
  readonly id: SectionId;
  /** The catalogue's name for the section. */
  readonly label: MessageKey;
  readonly icon: IconName;
  readonly keys: readonly string[];
  readonly Component: ComponentType;
}

export const SECTIONS: readonly Section[] = [
  { id: 'general', label: 'settings.section.general', icon: 'vm', keys: ['Name', 'GuestType', 'ProcessorCount', 'MemorySize', 'ExposeVirtualizationExtensions'], Component: GeneralSection },
  { id: 'storage', label: 'settings.section.storage', icon: 'disk', keys: ['ScsiDevices'], Component: StorageSection },
  { id: 'network', label: 'settings.section.network', icon: 'network', keys: ['NetworkAdapters'], Component: NetworkSection },
  { id: 'display', label: 'settings.section.display', icon: 'monitor', keys: ['Gpu', 'VideoMonitor'], Component: DisplaySection },
  { id: 'security', label: 'settings.section.security', icon: 'shield', keys: ['SecureBoot', 'Tpm', 'Hako'], Component: SecuritySection },
  { id: 'com', label: 'settings.section.com', icon: 'plug', keys: ['ComPorts'], Component: ComPortsSection },
  { id: 'session', label: 'settings.section.session', icon: 'sliders', keys: ['EnhancedSession', 'Keyboard'], Component: EnhancedSessionSection },
  {
    id: 'advanced',
    label: 'settings.section.advanced',
    icon: 'file',
    keys: ['GuestStateFile', 'RuntimeStateFile', 'SaveStateFile', 'Policies', 'ChipsetInformation', 'Plan9Shares', 'VirtualSmbShares'],
    Component: AdvancedSection,
  },
];

/** How many errors each section holds. */
export function errorCounts(issues: readonly FindingLike[]): Record<SectionId, number> {
  const errors = issues.filter((f) => f.severity === 'error');
  return Object.fromEntries(
    SECTIONS.map((s) => [s.id, errors.filter((f) => s.keys.some((key) => findingsAt([f], `${CONFIG_POINTER}/${key}`).length > 0)).length]),
  ) as Record<SectionId, number>;
}
