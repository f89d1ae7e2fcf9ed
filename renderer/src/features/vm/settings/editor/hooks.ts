/**
 * How the settings views subscribe to the editor: each to the least it shows (a field to its value and
 * markers, a list to its items, the save bar to the save state), so a keystroke in one field re-renders
 * that field and what depends on its value, not the whole form.
 */
import { useCallback, useMemo } from 'react';
import { useStore } from 'zustand';
import type { VmConfig } from '../../../../../../app/config/model.js';
import type { EditorActions, EditorState } from './editor-store.js';
import { useEditor } from './context.js';
import { NO_MARKERS, type FieldMarkers } from './draft-issues.js';
import { useT } from '../../../../i18n/context.js';
import { fieldDoc, fieldDocPath } from './field-checks.js';
import { readAt, writeAt } from './pointer.js';

export function useEditorState<T>(selector: (state: EditorState & EditorActions) => T): T {
  return useStore(useEditor(), selector);
}

/** Part of the draft's config. Only for views shown while there is a draft (the sections). */
export function useDraft<T>(selector: (config: VmConfig) => T): T {
  return useEditorState((s) => selector(s.draft!.config));
}

/** Applies a change to the draft's config. */
export function useUpdate(): EditorActions['update'] {
  return useEditorState((s) => s.update);
}

export function useFieldMarkers(pointer: string): FieldMarkers {
  return useEditorState((s) => s.markers.get(pointer) ?? NO_MARKERS);
}

export interface DraftField<T> extends FieldMarkers {
  readonly value: T;
  set(value: T): void;
  /** The field's help from the spec (app/config/spec.ts), in the catalogue's words (`doc.*`). */
  readonly help: string | undefined;
}

/** One field of the draft, by the JSON Pointer of its value. */
export function useDraftField<T>(pointer: string): DraftField<T> {
  const update = useUpdate();
  const value = useDraft((config) => readAt(config, pointer) as T);
  const markers = useFieldMarkers(pointer);
  const tr = useT();
  const set = useCallback((next: T) => update((config) => writeAt(config, pointer, next)), [update, pointer]);
  return useMemo(() => ({ value, set, errors: markers.errors, warnings: markers.warnings, help: fieldHelp(tr, pointer) }), [value, set, markers, pointer, tr]);
}

/** The spec's help for a field, translated (`doc.<path>`), else the spec's English. */
export function fieldHelp(tr: ReturnType<typeof useT>, pointer: string): string | undefined {
  const path = fieldDocPath(pointer);
  return (path === undefined ? null : tr.maybe(`doc.${path}`)) ?? fieldDoc(pointer);
}
