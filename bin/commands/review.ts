/** `streamlab review FILE`: runs a scenario and lists what a design reviewer would raise. */
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

export const reviewCommand: Command = {
  name: 'review',
  usage: 'review FILE [--json]',
  summary: 'run a scenario and list design findings with evidence and a suggested change',
  help: [
    'Usage: npx streamlab review FILE [--json]',
    '',
    'Runs the scenario and reviews its design against the run: more consumers than partitions, a key',
    'that concentrates load, members offered more than they can process, retention shorter than the',
    'worst lag, at-least-once delivery into a service, acks that can lose data, a session timeout that',
    'makes every crash a long stall. Each finding comes with its evidence and a suggested change.',
  ].join('\n'),
  run(args) {
    const { values, positionals } = parseOptions('review', args, { json: { type: 'boolean' } }, true);
    if (positionals.length !== 1) throw new CliError('review: give exactly one scenario file');
    const scenario = readScenarioFile(positionals[0]);
    const result = new ScenarioRun(scenario).runToEnd();
    const findings = review(scenario, result);
    console.log(values.json ? JSON.stringify(findings, null, 2) : formatFindings(scenario.name, findings));
    return 0;
  },
};
