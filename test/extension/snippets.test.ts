/**
 * The snippets (snippets/rnn.json): each one, expanded with its default placeholder values as
 * VS Code inserts it, is a model the analysis accepts without any diagnostic (relu's slower GPU
 * kernel is off by default: the notebook uses relu on purpose); the notebook's patterns give the
 * notebook's parameter counts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { ROOT } from '../helpers/ensure-built.js';

interface Snippet { readonly prefix: string | string[]; readonly body: string | string[]; readonly description: string }

const snippets = JSON.parse(readFileSync(join(ROOT, 'snippets/rnn.json'), 'utf8')) as Record<string, Snippet>;

/** What VS Code inserts when every placeholder keeps its default: `${1:x}` → x, `${2|a,b|}` → a, `$0` → nothing. */
function expand(snippet: Snippet): string {
    const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
    return body
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
        .replace(/\$\d+/g, '')
        .replace(/\t/g, '    ');
}

/** A fragment that lives inside a model is checked inside the Model snippet. */
function asDocument(name: string, text: string): string {
    if (/^(model|let)\b/.test(text)) return name === 'Constant' ? `${text}\nmodel M {\n    Dense(1, input_shape=(n_steps, 1))\n}` : text;
    return expand(snippets.Model).replace(/\n}$/, `\n    ${text}\n}`);
}

describe('snippets', () => {
    it('has the model skeleton and the notebook\'s patterns, each with a prefix and a description', () => {
        expect(Object.keys(snippets)).toEqual(expect.arrayContaining(['Model', 'Conv1D, pooling and LSTM', 'Stacked LSTM', 'Bidirectional LSTM']));
        for (const [name, snippet] of Object.entries(snippets)) {
            expect(snippet.prefix.length, name).toBeGreaterThan(0);
            expect(snippet.description.length, name).toBeGreaterThan(10);
        }
    });

    for (const [name, snippet] of Object.entries(snippets)) {
        it(`"${name}" expands to a document with no diagnostic`, () => {
            const analysis = analyzeText(asDocument(name, expand(snippet)));
            expect(analysis.diagnostics.map(d => `${d.severity} ${d.code}: ${d.message}`)).toEqual([]);
            expect(analysis.models.length).toBe(1);
            expect(analysis.models[0].complete).toBe(true);
        });
    }

    it('gives the notebook\'s parameter counts with the default values', () => {
        const total = (name: string) => analyzeText(expand(snippets[name])).models[0].totals.total;
        // SingleLSTM: Conv1D 19 + LSTM 3,840 + Dense 31.
        expect(total('Conv1D, pooling and LSTM')).toBe(19 + 3840 + 31);
        // LSTM(30) on 9 features: 4 × [30(30+9) + 30] = 4,800; LSTM(40) on 30: 4 × [40(40+30) + 40] = 11,360; Dense 41.
        expect(total('Stacked LSTM')).toBe(4800 + 11360 + 41);
        // SingleBidirectional: 2 × 4 × [30(30+9) + 30] = 9,600; Dense(1) on 60 features: 61.
        expect(total('Bidirectional LSTM')).toBe(9600 + 61);
    });
});
