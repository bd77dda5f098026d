/**
 * What the Python door must survive: the @lezer/python bug that refused long CRLF files, form
 * feeds, the Python standard library (no crash, no error diagnostics), and seeded random edits of
 * a Python file and of a notebook (no throw).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePython } from '../../language/src/keras/python-parse.js';
import { analyzeNotebook, analyzePython } from '../../language/src/python/index.js';
import { splitTopLevel } from '../../language/src/python/chunks.js';
import { mutate } from '../helpers/mutate.js';

const MODEL = 'model = Sequential([\n    LSTM(30, return_sequences=True,\n         input_shape=(21, 9)),\n    Dense(1),\n])\n';

describe('long files', () => {
    it('parses 1,000 multi-line statements with CRLF line ends (lezer 1.1.19 lost its way after ~400), in the import too', () => {
        const statements = Array.from({ length: 1000 }, (_, i) => `x${i} = foo(\n    ${i},\n)\n`).join('');
        const crlf = (statements + MODEL).replace(/\n/g, '\r\n');
        expect(() => parsePython(crlf)).not.toThrow();
        const { analysis } = analyzePython(crlf);
        expect(analysis.models).toHaveLength(1);
        expect(analysis.models[0].layers[0].output).toEqual([null, 21, 30]);
        // The positions are the file's: line 3000 is the model's first line.
        expect(analysis.models[0].description.nameRange.start).toEqual({ line: 3000, character: 0 });
    });

    it('reads a file of 20,000 lines with 500 models, each model found', () => {
        const lines = Array.from({ length: 500 }, (_, m) => `steps_${m} = ${10 + (m % 50)}\n${MODEL.replace('21', `steps_${m}`)}${'# padding\n'.repeat(34)}`).join('');
        expect(lines.split('\n').length).toBeGreaterThanOrEqual(20_000);
        const { analysis } = analyzePython(lines);
        expect(analysis.models).toHaveLength(500);
        expect(analysis.models[499].layers[0].output).toEqual([null, 10 + (499 % 50), 30]);
        expect(analysis.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    });

    it('reads a form feed between sections as a space', () => {
        expect(() => parsePython('import os\n\f\nclass A:\n    pass\n')).not.toThrow();
    });

    it('cuts text into top-level statements: decorators, else branches, continued lines and strings stay with their statement', () => {
        const text = '@dec\ndef f():\n    pass\nif a:\n    b()\nelse:\n    c()\nx = 1 + \\\n2\ns = """\nnot = a statement\n"""\ncall(\n1)\n# comment\ny = 2\n';
        const chunks = splitTopLevel(text).map(c => text.slice(c.from, c.to).trimEnd());
        expect(chunks).toEqual(['@dec\ndef f():\n    pass', 'if a:\n    b()\nelse:\n    c()', 'x = 1 + \\\n2', 's = """\nnot = a statement\n"""', 'call(\n1)\n# comment', 'y = 2']);
    });
});

/** Every .py file of the Python standard library on this machine (Debian's python3 ships them). */
function standardLibrary(): string[] {
    const roots = readdirSync('/usr/lib').filter(d => /^python3\.\d+$/.test(d)).map(d => join('/usr/lib', d));
    const files: string[] = [];
    const walk = (dir: string) => {
        for (const name of readdirSync(dir)) {
            const path = join(dir, name);
            const stats = statSync(path, { throwIfNoEntry: false });
            if (stats?.isDirectory() && !['site-packages', 'dist-packages', '__pycache__'].includes(name)) walk(path);
            else if (stats?.isFile() && name.endsWith('.py')) files.push(path);
        }
    };
    roots.forEach(walk);
    return files;
}

describe('the Python standard library', () => {
    const files = standardLibrary();

    it.runIf(files.length > 0)('gives no error diagnostic and no throw on any of its files', () => {
        const errors: string[] = [];
        let models = 0;
        for (const file of files) {
            const { analysis } = analyzePython(readFileSync(file, 'utf8'));
            models += analysis.models.length;
            for (const d of analysis.diagnostics) if (d.severity === 'error') errors.push(`${file}:${d.range.start.line + 1} ${d.code} ${d.message}`);
        }
        expect(errors).toEqual([]);
        expect(models).toBe(0);
    }, 600_000);
});

describe('seeded random edits', () => {
    /** A small deterministic generator (mulberry32), so that a failure can be replayed. */
    function random(seed: number): () => number {
        let a = seed;
        return () => {
            a = (a + 0x6d2b79f5) | 0;
            let t = Math.imul(a ^ (a >>> 15), 1 | a);
            t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
            return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
        };
    }
    const source = readFileSync(join(__dirname, '..', '..', 'examples', 'advanced_rnn_theory.ipynb'), 'utf8');
    const cells = (JSON.parse(source) as { cells: Array<{ cell_type: string; source: string[] }> }).cells.map(c => ({ text: c.source.join(''), kind: c.cell_type }));
    const python = cells.filter(c => c.kind === 'code').map(c => c.text).join('\n\n');

    it('of a Python file never throw', () => {
        const next = random(17);
        let text = python;
        for (let i = 0; i < 400; i++) {
            text = i % 40 === 0 ? python : mutate(text, next);
            expect(() => analyzePython(text), text).not.toThrow();
        }
    });

    it('of a notebook\'s cells never throw', () => {
        const next = random(29);
        let current = cells;
        for (let i = 0; i < 400; i++) {
            const index = Math.floor(next() * current.length);
            current = i % 40 === 0 ? cells : current.map((c, j) => (j === index ? { ...c, text: mutate(c.text, next) } : c));
            expect(() => analyzeNotebook(current), JSON.stringify(current[index])).not.toThrow();
        }
    });
});
