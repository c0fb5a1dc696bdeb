/** `streamlab review FILE`: runs a scenario, lists what a design reviewer would raise, and explains each group's run. */
import { explain, type GroupExplanation } from '../../engine/analysis/explain.ts';
import { review, type Finding } from '../../engine/analysis/review.ts';
import { ScenarioRun } from '../../engine/model/run.ts';
import { CliError, parseOptions, type Command } from './command.ts';
import { readScenarioFile } from './scenarioFile.ts';

export function formatFindings(name: string, findings: Finding[]): string {
  if (findings.length === 0) return `${name}: no findings.`;
  const lines = [`${name}: ${findings.length} finding${findings.length === 1 ? '' : 's'}`, ''];
  findings.forEach((f, i) => {
    lines.push(`${i + 1}. [${f.severity}] ${f.component}: ${f.title}`, `   evidence: ${f.evidence}`, `   suggestion: ${f.suggestion}`, '');
  });
  return lines.join('\n').trimEnd();
}

export function formatExplanations(groups: GroupExplanation[]): string {
  if (groups.length === 0) return '';
  const lines = ['How each group ran:', ''];
  for (const g of groups) lines.push(`${g.group}:`, ...g.sentences.map((s) => `  - ${s}`), '');
  return lines.join('\n').trimEnd();
}

export const reviewCommand: Command = {
  name: 'review',
  usage: 'review FILE [--json] [--explain]',
  summary: 'run a scenario and list design findings with evidence and a suggested change',
  help: [
    'Usage: npx streamlab review FILE [--json] [--explain]',
    '',
    'Runs the scenario and reviews its design against the run: more consumers than partitions, a key',
    'that concentrates load, members offered more than they can process, retention shorter than the',
    'worst lag, at-least-once delivery into a service, acks that can lose data, a session timeout that',
    'makes every crash a long stall. Each finding comes with its evidence and a suggested change.',
    '',
    'Then, for each consumer group, how it ran in plain sentences: offered load against capacity per',
    'member, the hot partition and its share, whether lag grows or drains (and the time to drain), and',
    'what rebalances cost.',
    '',
    '--json       the findings as a JSON list (with --explain: { findings, groups })',
    '--explain    with --json, add the explanations',
  ].join('\n'),
  run(args) {
    const { values, positionals } = parseOptions('review', args, { json: { type: 'boolean' }, explain: { type: 'boolean' } }, true);
    if (positionals.length !== 1) throw new CliError('review: give exactly one scenario file');
    const scenario = readScenarioFile(positionals[0]);
    const run = new ScenarioRun(scenario);
    const result = run.runToEnd();
    const findings = review(scenario, result);
    const groups = explain(scenario, result, run.sampler.series);
    if (values.json) console.log(JSON.stringify(values.explain ? { findings, groups } : findings, null, 2));
    else console.log([formatFindings(scenario.name, findings), formatExplanations(groups)].filter((part) => part !== '').join('\n\n'));
    return 0;
  },
};
