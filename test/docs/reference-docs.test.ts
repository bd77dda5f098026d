/**
 * The project's own reference stays true: docs/language.md holds every catalog layer and
 * statement with every argument (its generated part is the catalog's, byte for byte), and
 * docs/diagnostics.md holds every diagnostic code with its severity, an example that produces it,
 * and its fix. After a catalog change: `UPDATE_DOCS=1 npx vitest run test/docs/reference-docs.test.ts`
 * rewrites the generated part; a new code needs its section written by hand.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { LAYER_KINDS, signatureOf } from '../../language/src/catalog/index.js';
import { DIAGNOSTIC_CODES, DIAGNOSTIC_SEVERITIES } from '../../language/src/model/diagnostic.js';
import { analyzePython } from '../../language/src/python/index.js';
import { CsvDataSource } from '../../language/src/node/csv-data-source.js';
import { ROOT } from '../helpers/ensure-built.js';
import { END, START, generatedReference } from './layer-reference.js';

const LANGUAGE = join(ROOT, 'docs', 'language.md');
const DIAGNOSTICS = join(ROOT, 'docs', 'diagnostics.md');

/** The document's `### ` sections by heading. */
function sections(text: string): Map<string, string> {
    const found = new Map<string, string>();
    for (const part of text.split(/^(?=### )/m).slice(1)) {
        const heading = part.split('\n')[0].slice(4).trim();
        found.set(heading, part.split(/^(?=## )/m)[0]);
    }
    return found;
}

describe('docs/language.md', () => {
    if (process.env.UPDATE_DOCS) {
        const text = readFileSync(LANGUAGE, 'utf8');
        const start = text.indexOf(START);
        writeFileSync(LANGUAGE, `${start < 0 ? text : text.slice(0, start)}${generatedReference()}\n`);
    }
    const text = readFileSync(LANGUAGE, 'utf8');
    const layers = sections(text);

    it('documents every catalog layer with every argument it takes', () => {
        for (const kind of LAYER_KINDS) {
            const section = layers.get(kind.name);
            expect(section, `no section "### ${kind.name}" in docs/language.md`).toBeDefined();
            for (const spec of signatureOf(kind)) expect(section, `${kind.name}(${spec.name}=...)`).toContain(`| \`${spec.name}\` |`);
        }
    });

    it('holds the catalog\'s reference as generated from it (UPDATE_DOCS=1 rewrites it)', () => {
        const start = text.indexOf(START);
        expect(start).toBeGreaterThan(0);
        expect(text.slice(start, text.indexOf(END) + END.length)).toBe(generatedReference());
    });

    it('documents the keras statement and both versions', () => {
        expect(text).toContain('`keras 3` or `keras 2`');
        expect(text).toContain('rnnLens.keras');
        expect(text).toContain('--keras 3|2');
    });
});

describe('docs/diagnostics.md', () => {
    const documented = sections(readFileSync(DIAGNOSTICS, 'utf8'));
    const data = new CsvDataSource(join(ROOT, 'examples'));

    it('has a section for every code and none for codes that do not exist', () => {
        expect([...documented.keys()].sort()).toEqual(DIAGNOSTIC_CODES.map(c => `\`${c}\``).sort());
    });

    for (const code of DIAGNOSTIC_CODES) {
        it(`gives ${code} its severity, an example that produces it, and a fix`, () => {
            const section = documented.get(`\`${code}\``);
            expect(section, `no section "### \`${code}\`" in docs/diagnostics.md`).toBeDefined();
            expect(section).toContain(`Severity: **${DIAGNOSTIC_SEVERITIES[code]}**`);
            expect(section).toMatch(/^Fix: /m);
            const example = /```(rnn|python)\n([\s\S]*?)```/.exec(section!);
            expect(example, `no \`\`\`rnn example for ${code}`).not.toBeNull();
            // Python-only codes have a Python example, read by the Python door.
            const produced = (example![1] === 'python' ? analyzePython(example![2]).analysis : analyzeText(example![2], { data })).diagnostics.map(d => d.code);
            expect(produced, example![2]).toContain(code);
        });
    }
});

describe('the README', () => {
    it('sends readers to the project\'s own reference', () => {
        const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
        expect(readme).toContain('(docs/language.md)');
        expect(readme).toContain('(docs/diagnostics.md)');
        expect(readme).not.toContain('shared/spec');
    });
});
