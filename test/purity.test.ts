/**
 * The engine must stay pure and deterministic. These tests prove the guards bite: the lint rules
 * and the engine's typecheck (no DOM, no Node) reject code that reaches outside the engine.
 */
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function lintEngineFile(code: string, path = 'engine/core/example.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

function typecheckEngineFile(code: string): string[] {
  const configPath = ts.findConfigFile('engine', ts.sys.fileExists, 'tsconfig.json')!;
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const fileName = `${process.cwd()}/engine/core/__virtual__.ts`;
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => (name === fileName ? code : readFile(name));
  host.fileExists = (name) => name === fileName || ts.sys.fileExists(name);
  host.getSourceFile = (name, target, ...rest) =>
    name === fileName ? ts.createSourceFile(name, code, target) : getSourceFile(name, target, ...rest);
  const program = ts.createProgram([fileName], config.options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === fileName)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('engine purity', () => {
  it.each([
    ['Math.random()', 'Math.random'],
    ['Date.now()', 'Date.now'],
    ['setTimeout(() => {}, 1)', "'setTimeout'"],
    ['performance.now()', 'performance'],
    ['new Date()', "'Date'"],
  ])('lint forbids %s inside engine/', async (code, what) => {
    const messages = await lintEngineFile(`export const x = ${code};\n`);
    expect(messages.join('\n')).toContain(what);
    expect(messages.join('\n')).toContain('deterministic');
  });

  it.each([
    ["import { useState } from 'react';", 'React'],
    ["import { scaleLinear } from 'd3';", 'd3'],
    ["import { create } from 'zustand';", 'zustand'],
    ["import { ReactFlow } from '@xyflow/react';", 'React Flow'],
    ["import { App } from '../../app/App.tsx';", 'app/'],
    ["import { readFileSync } from 'node:fs';", 'Node modules'],
  ])('lint forbids `%s` inside engine/', async (code, what) => {
    const messages = await lintEngineFile(`${code}\nexport const used = [${code.match(/\{ (\w+) \}/)![1]}];\n`);
    expect(messages.join('\n')).toContain(what);
  });

  it('lint allows the same calls outside engine/ and in engine tests', async () => {
    expect(await lintEngineFile('export const x = Math.random();\n', 'app/example.ts')).toEqual([]);
    expect(await lintEngineFile('export const x = Math.random();\n', 'engine/core/example.test.ts')).toEqual([]);
  });

  it('the engine typecheck has no DOM and no Node', () => {
    expect(typecheckEngineFile('export const el = document.body;\n').join('\n')).toContain("Cannot find name 'document'");
    expect(typecheckEngineFile('export const argv = process.argv;\n').join('\n')).toContain("Cannot find name 'process'");
    expect(typecheckEngineFile('export const n: number = [1, 2].length;\n')).toEqual([]);
  });
});
