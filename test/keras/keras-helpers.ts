/** Shared by the Keras bridge's tests: import Python text, summarise `.rnn` text, check Python with python3's ast. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { formatSummary } from '../../language/src/format/summary-table.js';
import { importKeras, type KerasImport } from '../../language/src/keras/import-keras.js';
import { pythonFileSource } from '../../language/src/keras/notebook.js';
import { ROOT } from '../helpers/ensure-built.js';

export const EXAMPLES = ['advanced_rnn_theory.rnn', 'seattle_weather.rnn'].map(name => join(ROOT, 'examples', name));

export function exampleText(path: string): string {
    return readFileSync(path, 'utf8');
}

export function importPython(code: string): KerasImport {
    return importKeras(pythonFileSource(code), 'test.py');
}

/** `rnn-lens summary`'s tables of every model in a `.rnn` text, without the `Model: "name"` line (names differ by design). */
export function summaryTables(rnn: string): string[] {
    return analyzeText(rnn).models.map(m => formatSummary(m).split('\n').slice(1).join('\n'));
}

/** The `.rnn` text, asserted free of errors. */
export function expectNoErrors(rnn: string): void {
    expect(analyzeText(rnn).diagnostics.filter(d => d.severity === 'error')).toEqual([]);
}

/** Parses Python source with python3's own parser; returns its error, or '' when it parses. */
/** pythonSyntaxError for many scripts in one python3 run (a spawn per script stalls the test worker). */
export function pythonSyntaxErrors(codes: readonly string[]): string[] {
    const check = 'import ast,json,sys\nout=[]\nfor c in json.load(sys.stdin):\n    try:\n        ast.parse(c); out.append("")\n    except SyntaxError as e:\n        out.append(f"{e.msg} (line {e.lineno})")\nprint(json.dumps(out))';
    const result = spawnSync('python3', ['-c', check], { input: JSON.stringify(codes), encoding: 'utf8' });
    if (result.error) throw result.error;
    return JSON.parse(result.stdout) as string[];
}

export function pythonSyntaxError(code: string): string {
    const result = spawnSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: code, encoding: 'utf8' });
    if (result.error) throw result.error;
    return result.status === 0 ? '' : result.stderr.trim().split('\n').slice(-3).join('\n');
}
