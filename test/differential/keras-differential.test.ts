/**
 * The differential test: 460 seeded random Sequential stacks (test/fixtures/keras-differential/,
 * half meant to build, half with a realistic mistake in them; the last 60 of RNN(cell) and Lambda) analysed by RNN Lens and held
 * against what real Keras 3 and real Keras 2 (tf_keras) said about each, checked in as
 * keras3.json and keras2.json. Each stack is analysed twice: as written in models.rnn, and as
 * `rnn-lens import` turns models.py (the same stacks as Keras code) into .rnn.
 *
 * It prints, per target version and path, models exact / models Keras builds and broken models
 * caught / models Keras refuses, with every stack that is neither. The ratchet is
 * known-mismatches.json: a stack that is not exact or caught must be listed there (with why),
 * and a listed stack that now passes fails the test too, so that the list only shrinks.
 * RNN_LENS_DIFFERENTIAL_UPDATE=1 rewrites the list from the current answers (keeping the notes).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import type { DocumentAnalysis } from '../../language/src/analysis/types.js';
import { importKerasText } from '../../language/src/keras/import-text.js';
import { figures, figuresText, judge, mismatchLines, type GroundTruth, type StackOutcome } from './compare.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'keras-differential');
const KNOWN_PATH = join(FIXTURES, 'known-mismatches.json');
const TARGETS = [3, 2] as const;
type Target = (typeof TARGETS)[number];
type Path = 'rnn' | 'import';

/**
 * RNN Lens's analysis of a document for a target Keras version. Until the target version lands
 * (issue 15, `--keras 2|3`), RNN Lens answers one way whatever the target: both targets get the
 * same analysis, held against each version's ground truth. Wire the target in here.
 */
function analyzeFor(text: string, target: Target): DocumentAnalysis {
    return analyzeText(text, { keras: target });
}

/** `{ "rnn": { "3": { "S012": "wrong-numbers: ... | why" } } }`: the detail RNN Lens gave, then a note. */
type Known = Record<Path, Record<string, Record<string, string>>>;

function readKnown(): Known {
    return JSON.parse(readFileSync(KNOWN_PATH, 'utf8')) as Known;
}

function truthFor(target: Target): GroundTruth {
    return JSON.parse(readFileSync(join(FIXTURES, `keras${target}.json`), 'utf8')) as GroundTruth;
}

const rnnText = readFileSync(join(FIXTURES, 'models.rnn'), 'utf8');
const imported = importEach(readFileSync(join(FIXTURES, 'models.py'), 'utf8'));

/**
 * models.py imported one stack at a time (its imports, then the stack's statement), the .rnn
 * results joined into one document. One stack at a time because @lezer/python misparses long
 * files of multi-line statements separated by blank lines (a syntax error near the 300th stack
 * of models.py as a whole, although Python parses it): that is an import bug of its own, and
 * this path measures the translation of each model.
 */
function importEach(python: string): { readonly text: string; readonly models: string[] } {
    const [header, ...stacks] = python.trimEnd().split('\n\n');
    const parts = stacks.map(stack => importKerasText(`${header}\n\n${stack}\n`, 'py', 'models.py'));
    return { text: parts.map(p => p.text).join('\n'), models: parts.flatMap(p => p.models) };
}

function textOf(path: Path): string {
    return path === 'rnn' ? rnnText : imported.text;
}

/** The outcomes that the ratchet tracks: neither exact nor caught (Keras's unbuilt models included). */
function tracked(outcomes: readonly StackOutcome[]): Map<string, string> {
    return new Map(outcomes
        .filter(o => o.verdict !== 'exact' && o.verdict !== 'caught')
        .map(o => [o.id, `${o.verdict}${o.detail ? `: ${o.detail}` : ''}`]));
}

const results = new Map<string, StackOutcome[]>();
function outcomesOf(path: Path, target: Target): StackOutcome[] {
    const key = `${path}${target}`;
    let outcomes = results.get(key);
    if (!outcomes) {
        outcomes = judge(truthFor(target), analyzeFor(textOf(path), target));
        results.set(key, outcomes);
    }
    return outcomes;
}

describe('differential test against real Keras', () => {
    it('has one stack per model on both sides, and ground truth from each Keras version', () => {
        const stacks = JSON.parse(readFileSync(join(FIXTURES, 'stacks.json'), 'utf8')) as { stacks: Array<{ id: string }> };
        const ids = stacks.stacks.map(s => s.id);
        expect(ids.length).toBeGreaterThanOrEqual(460);
        for (const target of TARGETS) {
            const truth = truthFor(target);
            expect(truth.target).toBe(target);
            expect(Object.keys(truth.results)).toEqual(ids);
        }
        // The .rnn document and the import hold every stack, by the same name.
        expect(analyzeText(rnnText).models.map(m => m.name)).toEqual(ids);
        expect(imported.models).toEqual(ids);
    });

    const known = readKnown();
    for (const path of ['rnn', 'import'] as const) {
        for (const target of TARGETS) {
            it(`${path === 'rnn' ? 'models.rnn' : 'models.py through rnn-lens import'} against Keras ${target}: every miss is a known one`, () => {
                const truth = truthFor(target);
                const outcomes = outcomesOf(path, target);
                const f = figures(outcomes);
                console.log(`${figuresText(`${path} vs ${truth.keras}`, f)}\n  ${mismatchLines(outcomes).join('\n  ')}`);

                const now = tracked(outcomes);
                const listed = known[path]?.[String(target)] ?? {};
                if (process.env.RNN_LENS_DIFFERENTIAL_UPDATE === '1') {
                    const kept: Record<string, string> = {};
                    for (const [id, detail] of now) {
                        const note = listed[id]?.split(' | ')[1];
                        kept[id] = note ? `${detail} | ${note}` : detail;
                    }
                    known[path] = { ...known[path], [String(target)]: kept };
                    writeFileSync(KNOWN_PATH, `${JSON.stringify(known, null, 1)}\n`);
                    return;
                }
                const newMisses = [...now].filter(([id]) => !(id in listed)).map(([id, d]) => `${id} ${d}`);
                const nowPassing = Object.keys(listed).filter(id => !now.has(id));
                // Both at once, so that one run names every stack to add and every stack to remove.
                expect({ newMisses, nowPassing },
                    'newMisses: stacks RNN Lens now gets wrong (fix, or list them with why); nowPassing: listed stacks it now gets right (remove them)')
                    .toEqual({ newMisses: [], nowPassing: [] });
            });
        }
    }
});
