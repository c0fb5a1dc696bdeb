import { useViewStore, VIEW_MODES } from './viewStore.ts';

/** The header's view switch: Build, Teach, Compare, Sweep. */
export function ViewSwitch() {
  const mode = useViewStore((s) => s.mode);
  const setMode = useViewStore((s) => s.setMode);
  return (
    <nav className="view-switch" aria-label="View">
      {VIEW_MODES.map((option) => (
        <button key={option.mode} type="button" aria-pressed={mode === option.mode} title={option.title} onClick={() => setMode(option.mode)}>
          {option.label}
        </button>
      ))}
    </nav>
  );
}
