import { useEffect } from 'react';
import { useScenarioStore } from './store/scenarioStore.ts';

/** Undo (Ctrl/Cmd+Z), redo (Ctrl/Cmd+Shift+Z or Ctrl+Y), copy and paste (Ctrl/Cmd+C, V) of components. */
export function useShortcuts(): void {
  useEffect(() => {
    let clipboard: string[] = [];
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable)) return;
      if (!(event.ctrlKey || event.metaKey)) return;
      const store = useScenarioStore.getState();
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) store.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') store.redo();
      else if (key === 'c') clipboard = [...store.selected];
      else if (key === 'v' && clipboard.length > 0) store.duplicate(clipboard);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
