import { create } from 'zustand';

export const SECTIONS = ['terminal', 'history', 'reports', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];

interface UiState {
  readonly section: Section;
  /** A move away from a screen that asked to be consulted first, waiting for the operator's answer. */
  readonly pendingSection: Section | null;
  /** The open screen's "would leaving lose something?" (the terminal, while card fields hold data). */
  readonly leaveGuard: (() => boolean) | null;
  goTo(section: Section): void;
  /** After the operator agreed to leave. */
  confirmLeave(): void;
  cancelLeave(): void;
  setLeaveGuard(guard: (() => boolean) | null): void;
}

/** UI-only state (which screen is open). Server state lives in TanStack Query, not here. */
export const useUiStore = create<UiState>((set, get) => ({
  section: 'terminal',
  pendingSection: null,
  leaveGuard: null,
  goTo: (section) => {
    const { section: current, leaveGuard } = get();
    if (section === current) return;
    if (leaveGuard?.()) set({ pendingSection: section });
    else set({ section, pendingSection: null });
  },
  confirmLeave: () => {
    const { pendingSection } = get();
    if (pendingSection) set({ section: pendingSection, pendingSection: null });
  },
  cancelLeave: () => set({ pendingSection: null }),
  setLeaveGuard: (leaveGuard) => set({ leaveGuard }),
}));
