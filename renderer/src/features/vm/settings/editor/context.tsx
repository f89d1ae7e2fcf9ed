/** The open editor for the sections and fields below it. */
import { createContext, useContext, type ReactNode } from 'react';
import type { EditorStore } from './editor-store.js';

const EditorContext = createContext<EditorStore | null>(null);

export function EditorProvider({ editor, children }: { readonly editor: EditorStore; readonly children: ReactNode }) {
  return <EditorContext.Provider value={editor}>{children}</EditorContext.Provider>;
}

export function useEditor(): EditorStore {
  const editor = useContext(EditorContext);
  if (editor === null) throw new Error('useEditor outside <EditorProvider>');
  return editor;
}
