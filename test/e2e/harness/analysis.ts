/**
 * What the editor must show, from the real analysis (the built CLI), so the e2e tests compare
 * the rendered numbers with the analysis, not with copies written into the tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli-run.js';
import type { SummaryModel } from './expected.js';
import { ROOT } from './paths.js';

/** `rnn-lens summary FILE --json`'s models. */
export function summaryJson(file: string): SummaryModel[] {
    const run = runCli('summary', file, '--json');
    if (run.status !== 0) throw new Error(`rnn-lens summary ${file} --json failed: ${run.stderr}`);
    return (JSON.parse(run.stdout) as { models: SummaryModel[] }).models;
}

/** `rnn-lens check FILE --json`'s diagnostics (0-based LSP ranges). */
export function checkJson(file: string): { code: string; severity: string; range: { start: { line: number; character: number } } }[] {
    const run = runCli('check', file, '--json');
    if (run.status === 2) throw new Error(`rnn-lens check ${file} --json failed: ${run.stderr}`);
    return JSON.parse(run.stdout).diagnostics;
}

/** `rnn-lens summary FILE --model NAME`'s table, line by line. */
export function summaryTable(file: string, model: string): string[] {
    const run = runCli('summary', file, '--model', model);
    if (run.status !== 0) throw new Error(`rnn-lens summary ${file} --model ${model} failed: ${run.stderr}`);
    return run.stdout.split('\n');
}

/** The 1-based number of the first line of a workspace file holding `text`. */
export function lineOf(file: string, text: string | RegExp): number {
    const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
    const index = lines.findIndex(l => (typeof text === 'string' ? l.includes(text) : text.test(l)));
    if (index < 0) throw new Error(`${file} has no line with ${text}`);
    return index + 1;
}

export const lineCount = (file: string) => readFileSync(join(ROOT, file), 'utf8').split('\n').length;
