/**
 * The real-Keras ground truth of test/fixtures/keras/layers.py (layers-keras3.json): each case's
 * input shape and layer calls, and what Keras built (or the error it raised); `rnnText` writes a
 * case as the .rnn model the tests analyse.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './ensure-built.js';

export interface KerasLayer {
    readonly name: string;
    readonly class: string;
    readonly output: ReadonlyArray<number | null>;
    readonly trainable: number;
    readonly nonTrainable: number;
}

export interface KerasCase {
    readonly input: Array<number | null>;
    readonly calls: string[];
    readonly ok: boolean;
    readonly layers?: readonly KerasLayer[];
    readonly error?: string;
}

export interface KerasFixture {
    readonly keras: string;
    readonly cases: readonly KerasCase[];
}

export function kerasFixture(major: 2 | 3 = 3): KerasFixture {
    return JSON.parse(readFileSync(join(ROOT, `test/fixtures/keras/layers-keras${major}.json`), 'utf8')) as KerasFixture;
}

/** `(10, 3)`, `(8,)`: a shape as Python writes it. */
export function pythonTuple(shape: ReadonlyArray<number | null>): string {
    const items = shape.map(d => (d === null ? 'None' : String(d)));
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/** The case as a one-model .rnn text: `Input(shape=...)`, then the calls. */
export function rnnText(c: KerasCase): string {
    return `model M {\n    Input(shape=${pythonTuple(c.input)})\n${c.calls.map(call => `    ${call}\n`).join('')}}\n`;
}
