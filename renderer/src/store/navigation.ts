/** Which page the window shows, and which tab of a VM's page. */
import type { SliceContext } from './slice.js';

export type View =
  | { readonly kind: 'home' }
  | { readonly kind: 'vm'; readonly path: string }
  | { readonly kind: 'diagnostics' }
  | { readonly kind: 'preferences' };

export type VmTab = 'overview' | 'console' | 'settings' | 'events';

export interface NavigationSlice {
  readonly view: View;
  readonly vmTab: VmTab;
  select(view: View): void;
  setVmTab(tab: VmTab): void;
}

export function sameView(a: View, b: View): boolean {
  return a.kind === b.kind && (a.kind !== 'vm' || (b.kind === 'vm' && a.path === b.path));
}

export function createNavigationSlice({ set }: SliceContext<NavigationSlice>): NavigationSlice {
  return {
    view: { kind: 'home' },
    vmTab: 'overview',
    select: (view) => set({ view }),
    setVmTab: (vmTab) => set({ vmTab }),
  };
}
