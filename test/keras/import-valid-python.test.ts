/**
 * Valid Python that @lezer/python refuses or misreads (language/src/keras/lezer-gaps.ts): `rnn-lens
 * import` and the Python door must read it as Python does, never call it a syntax error. Each
 * form is checked by python3's own parser first, so that a form that is not Python cannot pass.
 * Then the standard library's own files (Debian's python3 ships them), through the import: no
 * file may throw, none holds a Sequential model.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { importKerasText } from '../../language/src/keras/import-text.js';
import { analyzePython } from '../../language/src/python/index.js';
import { importPython, pythonSyntaxErrors } from './keras-helpers.js';

const MODEL = 'from keras import Sequential\nfrom keras.layers import LSTM, Dense\nm = Sequential([LSTM(8, input_shape=(5, 2)), Dense(1)])\n';

/** Forms, each valid Python that lezer 1.1.19 refused or misread. */
const FORMS: ReadonlyArray<readonly [string, string]> = [
    ['a bare yield', 'def g():\n    yield\n    x = yield\n    y = (yield)\n    return x, y\n'],
    ['a bare yield in a lambda', 'generator = type((lambda: (yield))())\n'],
    ['a float ending in its point', 'timeout = 24.\nscale = 24.*3600.\n'],
    ['a float ending in its point, with an exponent or j', 'a = 24.e3\nb = 1.j\nc = 1..real\n'],
    ['with ... as (a, b)', 'with open(p) as (a, b):\n    pass\n'],
    ['with ... as [a, b] and as an attribute', 'with open(p) as [a, b], open(q) as self.f:\n    pass\n'],
    ['parenthesized context managers', 'with (\n    open(p) as f,\n    open(q) as g,\n):\n    pass\n'],
    ['case X() in a match statement', 'match c:\n    case X():\n        pass\n    case ast.BinOp() | Y(1):\n        pass\n'],
    ['empty sequence and mapping patterns', 'match c:\n    case []:\n        pass\n    case ():\n        pass\n    case {}:\n        pass\n'],
    ['a star in a subscript', 'x = a[*b]\n'],
    ['a starred target in a comprehension', 'x = [f(*p) for c, *p in rows]\ny = [c for *c, d in rows]\n'],
    ['CRLF line ends and a form feed', 'x = 1\r\n\f\r\ny = """a\r\nb"""\r\n']
];

describe('valid Python that lezer refused', () => {
    it('every form is Python (python3 parses it)', () => {
        expect(pythonSyntaxErrors(FORMS.map(([, code]) => code))).toEqual(FORMS.map(() => ''));
    });

    it.each(FORMS)('%s: imported without an error, and the model after it still read', (_, code) => {
        const result = importPython(`${code}${MODEL}`);
        expect(result.models).toEqual(['m']);
        expect(analyzeText(result.text).models[0].totals.total).toBe(analyzeText(importPython(MODEL).text).models[0].totals.total);
        expect(analyzePython(`${code}${MODEL}`).description.models.map(m => m.name)).toEqual(['m']);
    });

    it('reads the numbers as Python does, and writes them as written', () => {
        const { text } = importPython('a = 24.\nb = 24.e3\nc = 5.E-1\n');
        expect(text).toContain('let a = 24.\nlet b = 24.e3\nlet c = 5.E-1\n');
        expect(Object.fromEntries(analyzeText(text).description.constants.map(c => [c.name, c.value]))).toEqual({ a: 24, b: 24000, c: 0.5 });
        const door = analyzePython(`units = 16.\nb = 2.e1\n${MODEL}`);
        expect(door.description.constants.map(c => [c.name, c.value])).toEqual([['units', 16], ['b', 20]]);
    });

    it('keeps strings and comments as written: only code is rewritten for the parser', () => {
        const { text } = importPython('a = "24. yield case X(): with a as (b, c)"  # 24. yield\nb = r"x[*y]"\nc = """line\r\nnext"""\n');
        expect(Object.fromEntries(analyzeText(text).description.constants.map(c => [c.name, c.value])))
            .toEqual({ a: '24. yield case X(): with a as (b, c)', b: 'x[*y]', c: 'line\nnext' });
    });

    it('a with block whose targets lezer could not read still runs its body at the top level', () => {
        const result = importPython('from keras import Sequential\nfrom keras.layers import Dense\nwith strategy.scope() as (a, b):\n    m = Sequential([Dense(1, input_shape=(3,))])\n');
        expect(result.models).toEqual(['m']);
        expect(result.warnings).toEqual([]);
    });
});

/** The .py files under a folder, sorted. */
function pythonFiles(folder: string): string[] {
    const out: string[] = [];
    for (const name of readdirSync(folder).sort()) {
        const path = join(folder, name);
        const stat = statSync(path, { throwIfNoEntry: false });
        if (stat?.isDirectory() && name !== '__pycache__') out.push(...pythonFiles(path));
        else if (stat?.isFile() && name.endsWith('.py')) out.push(path);
    }
    return out;
}

const STDLIB = '/usr/lib/python3.11';

describe.skipIf(!existsSync(STDLIB))('the Python standard library through rnn-lens import', () => {
    it('never throws and never calls valid Python a syntax error; no file holds a Sequential model', () => {
        const files = pythonFiles(STDLIB);
        expect(files.length).toBeGreaterThan(500);
        const refused: string[] = [];
        const models: string[] = [];
        for (const file of files) {
            let text: string;
            try {
                text = readFileSync(file, 'utf8');
            } catch {
                continue;
            }
            try {
                if (importKerasText(text, 'py', file).models.length > 0) models.push(file);
            } catch (error) {
                refused.push((error as Error).message);
            }
        }
        expect(refused).toEqual([]);
        expect(models).toEqual([]);
    }, 120_000);
});
