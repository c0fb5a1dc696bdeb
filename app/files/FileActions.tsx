import { useRef, useState } from 'react';
import type { ScenarioDoc } from '../store/scenarioDoc.ts';
import { useRunStore } from '../run/runStore.ts';
import { useScenarioStore } from '../store/scenarioStore.ts';
import { LIBRARY } from './library.ts';
import { shareLink } from './share.ts';

/** An empty canvas (undo brings the previous scenario back). */
const EMPTY_SCENARIO: ScenarioDoc = { version: 1, name: 'Untitled scenario', seed: 1, duration: '60s', components: [], connections: [], layout: {} };

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'scenario';
}

/** Library picker, Open, Save and Share, in the header. */
export function FileActions() {
  const fileInput = useRef<HTMLInputElement>(null);
  const [link, setLink] = useState<string | null>(null);

  const save = () => {
    const doc = useScenarioStore.getState().doc;
    const blob = new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${slug(typeof doc.name === 'string' ? doc.name : 'scenario')}.json`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  const share = () => {
    // The link carries the seed the run panel uses, if it overrides the scenario's own.
    const seed = useRunStore.getState().seed;
    const doc = useScenarioStore.getState().doc;
    const url = shareLink(seed === undefined ? doc : { ...doc, seed }, window.location.href);
    setLink(url);
    void navigator.clipboard?.writeText(url).catch(() => {
      // Without clipboard access the link is still shown to copy by hand.
    });
  };

  return (
    <div className="file-actions">
      <select
        aria-label="Open from the library"
        value=""
        onChange={(event) => {
          const entry = LIBRARY.find((e) => e.file === event.target.value);
          if (entry) useScenarioStore.getState().open(entry.data);
        }}
      >
        <option value="">Library…</option>
        {LIBRARY.map((entry) => (
          <option key={entry.file} value={entry.file}>
            {entry.name}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => useScenarioStore.getState().setDoc(EMPTY_SCENARIO)}>
        New
      </button>
      <button type="button" onClick={() => fileInput.current?.click()}>
        Open
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Scenario file"
        onChange={async (event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) useScenarioStore.getState().openText(await file.text(), file.name);
        }}
      />
      <button type="button" onClick={save}>
        Save
      </button>
      <button type="button" onClick={share}>
        Share
      </button>
      {link && (
        <div className="share-box" role="dialog" aria-label="Share link">
          <span>Link copied (it carries the scenario and its seed):</span>
          <input readOnly value={link} aria-label="Share link address" onFocus={(event) => event.target.select()} />
          <button type="button" onClick={() => setLink(null)}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
