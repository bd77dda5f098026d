/**
 * What the Python door's syntax records carry for `rnn-lens import` beside what lowering reads
 * (language/src/python/python-syntax.ts): literals' spellings, constants kept by name, kept
 * expressions, and the reasons for what is opaque in the words of the reader that shows them.
 */
import { describe, expect, it } from 'vitest';
import { KerasNames } from '../../language/src/keras/import-names.js';
import { parsePythonExpression } from '../../language/src/keras/python-parse.js';
import { fileUnits } from '../../language/src/python/program.js';
import { PythonSyntax, type OpaqueWording, type PyBinding } from '../../language/src/python/python-syntax.js';
import type { SyntaxExpression } from '../../language/src/model/syntax.js';

function read(code: string, bindings: Array<[string, PyBinding<never>]> = [], wording?: OpaqueWording): SyntaxExpression {
    const syntax = new PythonSyntax<never>(new KerasNames(), new Map(bindings), wording);
    return syntax.expression(parsePythonExpression(code), { unit: fileUnits(code)[0], base: 0 });
}

const WORDS: OpaqueWording = {
    binaryOperators: new Set(['+']),
    unbound: name => `unbound ${name}`,
    attribute: expr => `attribute ${expr.text}`,
    operator: expr => `operator ${expr.op}`,
    other: expr => `other ${expr.why}`,
    functional: call => `functional ${call.text}`,
    notKeras: call => `not keras ${call.callee.text}`,
    notClass: call => `not a class ${call.callee.text}`,
    star: (_, arg) => `star ${arg.value.text}`
};

describe('the door records for rnn-lens import', () => {
    it('keep a number literal as written beside its value', () => {
        expect(read('1e-3')).toMatchObject({ kind: 'value', value: 0.001, written: '1e-3' });
        expect(read('0x1F')).toMatchObject({ kind: 'value', value: 31, written: '0x1F' });
        expect(read('(1_000, -2.)')).toMatchObject({ kind: 'group', items: [{ value: 1000, written: '1_000' }, { kind: 'unary', operand: { value: 2, written: '2.' } }] });
    });

    it('give a constant kept by name as a name record, a kept expression as that very record, a value as a value', () => {
        const kept = read('EarlyStopping(patience=3)');
        const cbs = read('[es, n_2, units]', [['es', { kind: 'expr', expr: kept }], ['n_2', { kind: 'named', name: 'n_2' }], ['units', { kind: 'value', value: 8 }]]);
        expect(cbs.kind === 'list' && cbs.items[0]).toBe(kept);
        expect(cbs).toMatchObject({ kind: 'list', items: [{ kind: 'call' }, { kind: 'name', name: 'n_2' }, { kind: 'value', value: 8 }] });
        expect(cbs.kind === 'list' && cbs.items[2]).not.toHaveProperty('written');
    });

    it('say why a part is opaque in the door\'s words, or in the words a reader gives', () => {
        expect(read('X.shape')).toMatchObject({ kind: 'opaque', why: 'X.shape is a value of the running program' });
        expect(read('n')).toMatchObject({ kind: 'opaque', why: 'n is computed when the code runs' });
        expect(read('2 ** 3')).toMatchObject({ kind: 'binary', operator: '**' });
        expect(read('X.shape', [], WORDS)).toMatchObject({ kind: 'opaque', why: 'attribute X.shape' });
        expect(read('n', [], WORDS)).toMatchObject({ kind: 'opaque', why: 'unbound n' });
        expect(read('2 ** 3', [], WORDS)).toMatchObject({ kind: 'opaque', why: 'operator **' });
        expect(read('2 + 3', [], WORDS)).toMatchObject({ kind: 'binary', operator: '+' });
        expect(read('Dense(3)(x)', [], WORDS)).toMatchObject({ kind: 'opaque', why: 'functional Dense(3)(x)' });
        expect(read('Dense(*a)', [], WORDS)).toMatchObject({ kind: 'opaque', why: 'star a' });
        expect(read('[x for x in y]', [], WORDS)).toMatchObject({ kind: 'opaque', why: 'other a list comprehension' });
    });
});
