import { create } from 'zustand';

export const SECTIONS = ['terminal', 'history', 'reports', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];

interface UiState {
  readonly section: Section;
  goTo(section: Section): void;
}

/** UI-only state (which screen is open). Server state lives in TanStack Query, not here. */
export const useUiStore = create<UiState>((set) => ({
  section: 'terminal',
  goTo: (section) => set({ section }),
}));
