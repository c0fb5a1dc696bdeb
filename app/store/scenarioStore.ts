/**
 * The scenario being edited, with undo and redo, selection, and autosave: state and the actions
 * that change it side by side (zustand). Components read the smallest slice they need.
 */
import { create } from 'zustand';
import firstStream from '../../scenarios/first-stream.json';
import { loadScenario, loadScenarioText } from '../../engine/scenario/load.ts';
import { scenarioFromHash } from '../files/share.ts';
import type { ComponentKind } from '../../engine/scenario/schema.ts';
import * as ops from './scenarioDoc.ts';
import type { ScenarioDoc } from './scenarioDoc.ts';

export const AUTOSAVE_KEY = 'streamlab:scenario';
const HISTORY_LIMIT = 200;

export interface ScenarioState {
  doc: ScenarioDoc;
  selected: string[];
  past: ScenarioDoc[];
  future: ScenarioDoc[];
  /** The last refusal (an illegal wire, a bad file), for the notice bar; null when there is none. */
  notice: { text: string; lines?: string[] } | null;
  /** Bumped when a whole scenario replaces the one on the canvas (open, new): the view refits. */
  opened: number;
  /** Replaces the document; `record` adds the previous one to the undo history. */
  setDoc(doc: ScenarioDoc, record?: boolean): void;
  addComponent(kind: ComponentKind, position: { x: number; y: number }): string;
  moveComponent(id: string, position: { x: number; y: number }): void;
  /** Draws a wire if the rule table allows it; returns the reason when it does not. */
  connect(from: string, to: string): string | null;
  removeComponents(ids: string[]): void;
  removeWires(wires: { from: string; to: string }[]): void;
  updateComponent(id: string, patch: Record<string, unknown>): void;
  duplicate(ids: string[]): void;
  select(ids: string[]): void;
  undo(): void;
  redo(): void;
  /** Opens a scenario (a file's text or parsed data); a bad one is refused and the canvas stays. */
  open(data: unknown): boolean;
  /** The same for a file's text (`source` names it in messages). */
  openText(text: string, source: string): boolean;
  dismissNotice(): void;
}

/**
 * The scenario to start with: a share link's, else the autosaved one if it is valid, else the
 * first library scenario. A broken link is reported (see `linkNotice`) and changes nothing.
 */
function initialDoc(): ScenarioDoc {
  const fromLink = typeof location === 'undefined' ? null : scenarioFromHash(location.hash);
  // The link has done its job once read: later reloads restore the edited (autosaved) scenario.
  if (fromLink) history.replaceState(null, '', location.pathname + location.search);
  if (fromLink && 'text' in fromLink) {
    const loaded = loadScenarioText(fromLink.text);
    if (loaded.ok) {
      try {
        globalThis.localStorage?.setItem(AUTOSAVE_KEY, fromLink.text);
      } catch {
        // Without storage the scenario still opens; it just is not kept across reloads.
      }
      return ops.asDoc(JSON.parse(fromLink.text));
    }
    linkNotice = { text: 'The share link was not opened: its scenario is not valid.', lines: loaded.problems };
  } else if (fromLink && 'error' in fromLink) {
    linkNotice = { text: fromLink.error };
  }
  try {
    const saved = globalThis.localStorage?.getItem(AUTOSAVE_KEY);
    if (saved) {
      const data: unknown = JSON.parse(saved);
      if (loadScenario(data).ok) return ops.asDoc(data);
    }
  } catch {
    // A broken autosave must not stop the page from opening: fall back to the library.
  }
  return ops.asDoc(firstStream);
}

let linkNotice: ScenarioState['notice'] = null;

export const useScenarioStore = create<ScenarioState>()((set, get) => {
  const commit = (doc: ScenarioDoc) =>
    set((state) => ({ doc, past: [...state.past, state.doc].slice(-HISTORY_LIMIT), future: [], notice: null }));
  return {
    doc: initialDoc(),
    selected: [],
    past: [],
    future: [],
    notice: linkNotice,
    opened: 0,
    setDoc: (doc, record = true) => (record ? commit(doc) : set({ doc })),
    addComponent: (kind, position) => {
      const { doc, id } = ops.addComponent(get().doc, kind, position);
      commit(doc);
      set({ selected: [id] });
      return id;
    },
    moveComponent: (id, position) => commit(ops.moveComponent(get().doc, id, position)),
    connect: (from, to) => {
      const problem = ops.connectionProblem(get().doc, from, to);
      if (problem) {
        set({ notice: { text: `Wire refused: ${problem}.` } });
        return problem;
      }
      commit(ops.connect(get().doc, from, to));
      return null;
    },
    removeComponents: (ids) => {
      if (ids.length === 0) return;
      commit(ops.remove(get().doc, ids));
      set((state) => ({ selected: state.selected.filter((id) => !ids.includes(id)) }));
    },
    removeWires: (wires) => {
      if (wires.length > 0) commit(ops.remove(get().doc, [], wires));
    },
    updateComponent: (id, patch) => commit(ops.updateComponent(get().doc, id, patch)),
    duplicate: (ids) => {
      const { doc, ids: copies } = ops.duplicate(get().doc, ids);
      if (copies.length === 0) return;
      commit(doc);
      set({ selected: copies });
    },
    select: (ids) => set({ selected: ids }),
    undo: () =>
      set((state) => {
        const previous = state.past[state.past.length - 1];
        if (!previous) return state;
        return { doc: previous, past: state.past.slice(0, -1), future: [state.doc, ...state.future], selected: [] };
      }),
    redo: () =>
      set((state) => {
        const next = state.future[0];
        if (!next) return state;
        return { doc: next, past: [...state.past, state.doc], future: state.future.slice(1), selected: [] };
      }),
    open: (data) => {
      const loaded = loadScenario(data);
      if (!loaded.ok) {
        set({ notice: { text: 'This scenario was not opened: the canvas is unchanged.', lines: loaded.problems } });
        return false;
      }
      commit(ops.asDoc(data));
      set((state) => ({ selected: [], opened: state.opened + 1 }));
      return true;
    },
    openText: (text, source) => {
      const loaded = loadScenarioText(text);
      if (!loaded.ok) {
        set({ notice: { text: `${source} was not opened: the canvas is unchanged.`, lines: loaded.problems } });
        return false;
      }
      commit(ops.asDoc(JSON.parse(text.replace(/^\uFEFF/, ''))));
      set((state) => ({ selected: [], opened: state.opened + 1 }));
      return true;
    },
    dismissNotice: () => set({ notice: null }),
  };
});

// Autosave: every change of the document is kept, so a reload loses nothing.
useScenarioStore.subscribe((state, previous) => {
  if (state.doc === previous.doc) return;
  try {
    globalThis.localStorage?.setItem(AUTOSAVE_KEY, JSON.stringify(state.doc));
  } catch {
    // Storage may be full or disabled; editing goes on.
  }
});
