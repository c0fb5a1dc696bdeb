/**
 * Explain: for each consumer group, its members' offered load against capacity, the hot partition,
 * the lag trend and what rebalances cost, in plain sentences beside the numbers; then the design
 * review's findings with their evidence and a suggested change. Follows the run (refreshed about
 * once a second while it runs, and whenever it stops).
 */
import type { GroupExplanation } from '../../engine/analysis/explain.ts';
import type { Finding } from '../../engine/analysis/review.ts';
import { formatClock } from '../run/formatClock.ts';
import { useExplanations } from './useExplanations.ts';
import './explain.css';

export function ExplainPanel() {
  const explanations = useExplanations();
  if (!explanations) {
    return <p className="explain-empty">Run or step the scenario: each group's load, hot partitions, lag trend and the design review appear here.</p>;
  }
  return (
    <div className="explain" aria-label="Explanations">
      <p className="explain-at">As of {formatClock(explanations.atMs)}</p>
      {explanations.groups.map((group) => (
        <GroupCard key={group.group} group={group} />
      ))}
      <h3 className="explain-heading">Design review</h3>
      {explanations.findings.length === 0 ? (
        <p className="explain-none">Nothing to raise so far.</p>
      ) : (
        <ul className="findings">
          {explanations.findings.map((finding) => (
            <FindingItem key={`${finding.rule}:${finding.component}:${finding.title}`} finding={finding} />
          ))}
        </ul>
      )}
    </div>
  );
}

function GroupCard({ group }: { group: GroupExplanation }) {
  const owning = group.members.filter((m) => m.partitions.length > 0);
  const maxLoad = Math.max(1, ...owning.map((m) => m.load));
  return (
    <section className="explain-group" aria-label={`Explanation of ${group.group}`}>
      <h3 className="explain-heading">{group.group}</h3>
      {owning.length > 0 && (
        <ul className="member-loads" aria-label="Offered load per member">
          {owning.map((m) => (
            <li key={m.id} title={`${m.partitions.join(', ')}: ${Math.round(m.offeredPerSec)}/s offered, about ${Math.round(m.capacityPerSec)}/s capacity`}>
              <span className="member-load-id">{memberLabel(group.group, m.id)}</span>
              <span className="member-load-bar">
                <span className={`member-load-fill${m.load >= 1 ? ' over' : m.load >= 0.8 ? ' near' : ''}`} style={{ width: `${(Math.min(m.load, maxLoad) / maxLoad) * 100}%` }} />
                {maxLoad > 1 && <span className="member-load-limit" style={{ left: `${100 / maxLoad}%` }} />}
              </span>
              <span className="member-load-value">{Math.round(m.load * 100)}%</span>
            </li>
          ))}
        </ul>
      )}
      <ul className="explain-sentences">
        {group.sentences.map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
    </section>
  );
}

/** `billing-0002` as the canvas shows it: `#2`. */
function memberLabel(group: string, id: string): string {
  const suffix = id.startsWith(`${group}-`) ? id.slice(group.length + 1) : id;
  return /^\d+$/.test(suffix) ? `#${Number(suffix)}` : suffix;
}

function FindingItem({ finding }: { finding: Finding }) {
  return (
    <li className={`finding finding-${finding.severity}`}>
      <div className="finding-title">
        <span className="finding-severity">{finding.severity}</span> {finding.component}: {finding.title}
      </div>
      <div className="finding-evidence">{finding.evidence}</div>
      <div className="finding-suggestion">→ {finding.suggestion}</div>
    </li>
  );
}
