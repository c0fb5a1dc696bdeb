import { useScenarioStore } from './store/scenarioStore.ts';

/** Why something was refused (an illegal wire, a bad file), with every problem the validator found. */
export function NoticeBar() {
  const notice = useScenarioStore((s) => s.notice);
  const dismiss = useScenarioStore((s) => s.dismissNotice);
  if (!notice) return null;
  return (
    <div className="notice" role="alert">
      <div className="notice-text">{notice.text}</div>
      {notice.lines && (
        <ul className="notice-lines">
          {notice.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <button type="button" className="notice-close" onClick={dismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
