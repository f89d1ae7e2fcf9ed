/**
 * The Settings tab's state for one VM file: the file as loaded, the user's draft, what main says about
 * the draft (config.validate), and the save flow:
 *
 *   save → validate → lossy findings? → ask for consent → check the file is still the one we read →
 *   config.save(force only after consent) → Conflict? → offer reload (or overwrite).
 *
 * A vanilla zustand store per open editor, with the HakoApi injected, so the flow is unit-tested. Edits
 * go through immer, so a change to one field leaves every other part of the draft the same object and
 * the views of those parts do not re-render.
 */
import { produce } from 'immer';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SevenBFile, VmConfig } from '../../../../../../app/config/model.js';
import { hasErrorCode } from '../../../../../../app/errors/codes.js';
import type { CallOutput, HakoApi } from '../../../../../../app/ipc/contract.js';
import { describeError, type ShownError } from '../../../../errors/shown-error.js';
import { hasErrors, uniqueFindings, type FindingLike } from '../../findings/findings.js';
import { draftIssues, fieldMarkers, type FieldMarkers } from './draft-issues.js';
import { fieldProblems, type FieldProblem } from './field-checks.js';

type FileStamp = CallOutput<'config.save'>['stamp'];

export type EditorStatus = 'loading' | 'ready' | 'refused' | 'failed';

export interface EditorState {
  readonly path: string;
  readonly status: EditorStatus;
  readonly loadError: ShownError | null;
  /** The file as last loaded or saved. */
  readonly original: SevenBFile | null;
  readonly draft: SevenBFile | null;
  readonly stamp: FileStamp | null;
  /** What Hako found when it read the file from disk. */
  readonly fileFindings: readonly FindingLike[];
  /** What main says about the draft (null until the first validation). */
  readonly draftFindings: readonly FindingLike[] | null;
  /** The text saving would write. */
  readonly preview: string;
  /** Problems the form can see by itself (patterns, minimums), keyed by JSON Pointer. */
  readonly problems: readonly FieldProblem[];
  /** Everything main or the form says about the draft (see draft-issues.ts). */
  readonly issues: readonly FindingLike[];
  /** The errors and warnings of each field, by JSON Pointer. */
  readonly markers: ReadonlyMap<string, FieldMarkers>;
  readonly dirty: boolean;
  readonly validating: boolean;
  readonly saving: boolean;
  /** Lossy findings waiting for the user's consent; null when no consent is asked. */
  readonly consent: readonly FindingLike[] | null;
  /** The file changed on disk since it was loaded. */
  readonly conflict: boolean;
  /** The file as it is on disk now, read when the conflict showed (null until read, or unreadable). */
  readonly conflictFile: SevenBFile | null;
  readonly saveError: ShownError | null;
  readonly savedAt: number | null;
}

export interface EditorActions {
  load(): Promise<void>;
  /** Applies `recipe` to the draft's config (an immer recipe: mutate what it is given). */
  update(recipe: (config: VmConfig) => void): void;
  discard(): void;
  validate(): Promise<void>;
  /** Starts saving; may stop at a consent or conflict question. Resolves true when the file was written. */
  save(): Promise<boolean>;
  /** The user agreed to the lossy changes. */
  confirmConsent(): Promise<boolean>;
  cancelConsent(): void;
  /** Conflict: drop the draft and read the file again. */
  reloadFromDisk(): Promise<void>;
  /** Conflict: write the draft over the other changes. */
  overwrite(): Promise<boolean>;
  dismissConflict(): void;
}

export type EditorStore = StoreApi<EditorState & EditorActions>;

export interface EditorOptions {
  /** Wait this long after the last edit before asking main to validate (0 in tests). */
  readonly debounceMs?: number;
  readonly onSaved?: (path: string) => void;
}

const same = (a: SevenBFile | null, b: SevenBFile | null) => JSON.stringify(a) === JSON.stringify(b);

export function createEditorStore(api: HakoApi, path: string, options: EditorOptions = {}): EditorStore {
  const debounceMs = options.debounceMs ?? 250;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let validation = 0;

  return createStore<EditorState & EditorActions>()((rawSet, get) => {
    /** Every change to what is said about the draft recomputes the issues and the field markers. */
    const set = (patch: Partial<EditorState>) => {
      if (patch.problems === undefined && patch.draftFindings === undefined) {
        rawSet(patch);
        return;
      }
      const issues = draftIssues(patch.draftFindings !== undefined ? patch.draftFindings : get().draftFindings, patch.problems ?? get().problems);
      rawSet({ ...patch, issues, markers: fieldMarkers(issues, get().markers) });
    };

    const write = async (force: boolean): Promise<boolean> => {
      const { draft, stamp } = get();
      if (draft === null) return false;
      set({ saving: true, saveError: null });
      try {
        const result = await api.invoke('config.save', { path, file: draft, expected: stamp, force });
        set({ original: draft, stamp: result.stamp, dirty: false, saving: false, consent: null, conflict: false, savedAt: Date.now() });
        options.onSaved?.(path);
        // What the file holds now is what was written: re-read its findings.
        void refreshFileFindings();
        return true;
      } catch (error) {
        if (hasErrorCode(error, 'Conflict')) {
          set({ saving: false, conflict: true, consent: null, conflictFile: null });
          void readConflictFile();
        } else if (hasErrorCode(error, 'ConsentRequired')) {
          // The file on disk gained lossy values since it was loaded: ask with what main reports.
          await refreshFileFindings();
          const lossy = lossyFindings();
          set({ saving: false, consent: lossy.length > 0 ? lossy : [], saveError: null });
        } else {
          set({ saving: false, saveError: describeError(error) });
        }
        return false;
      }
    };

    const refreshFileFindings = async () => {
      try {
        const loaded = await api.invoke('config.load', { path });
        set({ fileFindings: loaded.findings });
      } catch {
        // Keep what we had; the next load says more.
      }
    };

    /** What the other writer left on disk, for the conflict question to show the differences. */
    const readConflictFile = async () => {
      try {
        const current = await api.invoke('config.load', { path });
        if (get().conflict) set({ conflictFile: current.file });
      } catch {
        // The question still stands without the differences.
      }
    };

    const lossyFindings = () => uniqueFindings([...get().fileFindings, ...(get().draftFindings ?? [])].filter((f) => f.lossy));

    const scheduleValidation = () => {
      if (timer !== undefined) clearTimeout(timer);
      if (debounceMs === 0) {
        void get().validate();
        return;
      }
      timer = setTimeout(() => void get().validate(), debounceMs);
    };

    return {
      path,
      status: 'loading',
      loadError: null,
      original: null,
      draft: null,
      stamp: null,
      fileFindings: [],
      draftFindings: null,
      preview: '',
      problems: [],
      issues: [],
      markers: new Map(),
      dirty: false,
      validating: false,
      saving: false,
      consent: null,
      conflict: false,
      conflictFile: null,
      saveError: null,
      savedAt: null,

      async load() {
        set({ status: 'loading', loadError: null });
        try {
          const loaded = await api.invoke('config.load', { path });
          if (loaded.file === null) {
            set({ status: 'refused', fileFindings: loaded.findings, stamp: loaded.stamp, original: null, draft: null });
            return;
          }
          set({
            status: 'ready',
            original: loaded.file,
            draft: structuredClone(loaded.file),
            stamp: loaded.stamp,
            fileFindings: loaded.findings,
            draftFindings: null,
            problems: fieldProblems(loaded.file.config),
            dirty: false,
            conflict: false,
            consent: null,
            saveError: null,
          });
          await get().validate();
        } catch (error) {
          set({ status: 'failed', loadError: describeError(error) });
        }
      },

      update(recipe) {
        const draft = get().draft;
        if (draft === null) return;
        const next = produce(draft, (file) => {
          recipe(file.config);
        });
        set({ draft: next, dirty: !same(next, get().original), problems: fieldProblems(next.config), saveError: null });
        scheduleValidation();
      },

      discard() {
        const original = get().original;
        set({ draft: original ? structuredClone(original) : null, dirty: false, problems: original ? fieldProblems(original.config) : [], saveError: null });
        scheduleValidation();
      },

      async validate() {
        const draft = get().draft;
        if (draft === null) return;
        const ticket = ++validation;
        set({ validating: true });
        try {
          const result = await api.invoke('config.validate', { file: draft });
          if (ticket === validation) set({ draftFindings: result.findings, preview: result.text, validating: false });
        } catch (error) {
          // A draft main rejects outright (BadRequest) is shown as a finding-like error on its path.
          if (ticket !== validation) return;
          const shown = describeError(error);
          set({
            validating: false,
            draftFindings: [{ severity: 'error', code: shown.code, path: shown.path ?? '', params: { message: shown.message }, lossy: false }],
          });
        }
      },

      async save() {
        if (timer !== undefined) clearTimeout(timer);
        await get().validate();
        const { draftFindings, problems } = get();
        if (problems.length > 0 || hasErrors(draftFindings ?? [])) {
          // The save bar words it (settings.fixFirst): the marked fields say what to fix.
          set({ saveError: { code: 'Invalid', message: 'Fix the marked settings before saving.' } });
          return false;
        }
        const lossy = lossyFindings();
        if (lossy.length > 0) {
          set({ consent: lossy });
          return false;
        }
        return write(false);
      },

      async confirmConsent() {
        // Main still refuses a save whose stamp no longer matches, even with consent; checking first
        // turns that into the conflict question instead of an error.
        try {
          const current = await api.invoke('config.load', { path });
          if (get().stamp !== null && current.stamp.sha256 !== get().stamp?.sha256) {
            set({ consent: null, conflict: true, conflictFile: current.file });
            return false;
          }
        } catch (error) {
          set({ consent: null, saveError: describeError(error) });
          return false;
        }
        return write(true);
      },

      cancelConsent() {
        set({ consent: null });
      },

      async reloadFromDisk() {
        set({ conflict: false });
        await get().load();
      },

      async overwrite() {
        // Adopt the file as it is now as the base, then save the draft over it the normal way (with
        // consent if what is on disk now holds values the save would replace).
        set({ conflict: false });
        try {
          const current = await api.invoke('config.load', { path });
          set({ stamp: current.stamp, fileFindings: current.findings });
        } catch (error) {
          set({ saveError: describeError(error) });
          return false;
        }
        return get().save();
      },

      dismissConflict() {
        set({ conflict: false });
      },
    };
  });
}
