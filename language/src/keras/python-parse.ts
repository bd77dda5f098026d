/**
 * Python source → the small syntax tree of python-ast.ts, with @lezer/python (CodeMirror's
 * incremental parser for the whole Python 3 grammar) doing the parsing: notebooks hold any
 * Python, and only the statements a Sequential model is made of need reading closely.
 * Broken Python is a PythonSyntaxError with its line, as Python would report it.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import { forLezer } from './lezer-gaps.js';
import { decodePythonString } from './python-strings.js';
import { PythonSyntaxError, type PyArg, type PyExpr, type PyImportBinding, type PyModule, type PyStatement } from './python-ast.js';

/** Parses a whole module; throws PythonSyntaxError when the text is not Python. */
export function parsePython(source: string): PyModule {
    const read = readPython(source);
    if (read.error) throw read.error;
    return { statements: read.statements };
}

/** Parses without throwing: the statements lezer could read, and the first syntax error, if any. */
export function readPython(source: string): { statements: PyStatement[]; error?: PythonSyntaxError } {
    const text = forLezer(source);
    const tree = parser.parse(text);
    const reader = new Reader(text, source);
    let error: PythonSyntaxError | undefined;
    try {
        reader.checkSyntax(tree);
    } catch (thrown) {
        if (!(thrown instanceof PythonSyntaxError)) throw thrown;
        error = thrown;
    }
    if (!error) return { statements: reader.statements(tree.topNode) };
    try {
        return { statements: reader.statements(tree.topNode), error };
    } catch {
        // lezer's recovery left a shape the reader does not follow: nothing of this text is read.
        return { statements: [], error };
    }
}

/** Parses one expression (a `.rnn` argument value, which is Python's expression syntax). */
export function parsePythonExpression(source: string): PyExpr {
    const statements = parsePython(source).statements;
    const only = statements[0];
    if (statements.length !== 1 || only.type !== 'expression') {
        throw new PythonSyntaxError(`not a single expression: ${source}`, 1, 1);
    }
    return only.value;
}

/** Node types of lezer's Python grammar that hold a whole compound statement. */
const BLOCKS = new Set([
    'FunctionDefinition', 'ClassDefinition', 'IfStatement', 'ForStatement', 'WhileStatement',
    'WithStatement', 'TryStatement', 'DecoratedStatement', 'MatchStatement'
]);

/** Words for the expressions kept as `other`, for messages: "X.shape[1] (a subscript)". */
const OTHER_WORDS: Readonly<Record<string, string>> = {
    FormatString: 'an f-string', ArrayComprehensionExpression: 'a list comprehension',
    DictionaryExpression: 'a dictionary', DictionaryComprehensionExpression: 'a dictionary comprehension',
    SetExpression: 'a set', SetComprehensionExpression: 'a set comprehension',
    ComprehensionExpression: 'a generator', ConditionalExpression: 'a conditional expression',
    LambdaExpression: 'a lambda', AwaitExpression: 'an await', Ellipsis: '...'
};

class Reader {
    private readonly lineStarts: number[] = [0];

    /** `parsed`: the text lezer read (lezer-gaps.ts), offset for offset the source; every text is taken from the source. */
    constructor(parsed: string, private readonly source: string) {
        for (let i = 0; i < parsed.length; i++) if (parsed[i] === '\n') this.lineStarts.push(i + 1);
    }

    /** The first syntax error, as Python words it: an unclosed bracket by its opening line. */
    checkSyntax(tree: Tree): void {
        const brackets: SyntaxNode[] = [];
        let firstError: SyntaxNode | undefined;
        const cursor = tree.cursor();
        do {
            const node = cursor.node;
            if (node.type.isError) firstError ??= node;
            if (node.to === node.from) continue;
            if ('([{'.includes(node.name) && node.name.length === 1) brackets.push(node);
            else if (')]}'.includes(node.name) && node.name.length === 1) {
                const open = brackets.pop();
                if (open && '([{'.indexOf(open.name) !== ')]}'.indexOf(node.name)) {
                    throw this.error(`closing '${node.name}' does not match '${open.name}' on line ${this.lineOf(open.from)}`, node.from);
                }
            }
        } while (cursor.next());
        if (brackets.length > 0) throw this.error(`'${brackets[0].name}' was never closed`, brackets[0].from);
        // lezer reads an unexpected indent as if it were not there; Python stops at it.
        const indent = this.unexpectedIndent(tree.topNode, 0);
        if (indent !== undefined && (!firstError || this.lineOf(indent) <= this.lineOf(firstError.from))) throw this.error('unexpected indent', indent);
        if (firstError) {
            const near = this.source.slice(firstError.from, firstError.to).trim() || this.source.slice(firstError.from).trim().split(/\s/)[0];
            throw this.error(near ? `invalid syntax near "${near.slice(0, 20)}"` : 'invalid syntax (unexpected end of the code)', firstError.from);
        }
    }

    /** The first statement indented more than the statements before it in its block, as an offset. */
    private unexpectedIndent(block: SyntaxNode, column: number | undefined): number | undefined {
        let expected = column;
        for (const node of children(block)) {
            if (node.name === ':' || node.type.isError) continue;
            const own = node.from - this.lineStarts[this.lineOf(node.from) - 1];
            const startsLine = this.source.slice(this.lineStarts[this.lineOf(node.from) - 1], node.from).trim() === '';
            if (startsLine) {
                expected ??= own;
                if (own > expected) return node.from;
            }
            const holders = node.name === 'DecoratedStatement' ? children(node).filter(c => BLOCKS.has(c.name)) : [node];
            for (const body of holders.flatMap(h => children(h).filter(c => c.name === 'Body'))) {
                const found = this.unexpectedIndent(body, undefined);
                if (found !== undefined) return found;
            }
        }
        return undefined;
    }

    statements(parent: SyntaxNode): PyStatement[] {
        const out: PyStatement[] = [];
        for (const node of children(parent)) {
            if (node.name === 'StatementGroup') out.push(...this.statements(node));
            else out.push(this.statement(node));
        }
        return out;
    }

    private statement(node: SyntaxNode): PyStatement {
        const at = this.located(node);
        const parts = children(node);
        switch (node.name) {
            case 'AssignStatement': {
                // Targets and the value are separated by `=`; each part may be a bare tuple `a, b`.
                const segments = splitOn(parts, 'AssignOp').map(segment => this.commaExpression(segment, node));
                const value = segments.pop()!;
                return { ...at, type: 'assign', targets: segments, value };
            }
            case 'UpdateStatement': {
                const op = parts.find(p => p.name === 'UpdateOp');
                const [target, value] = splitOn(parts, 'UpdateOp').map(segment => this.commaExpression(segment, node));
                return { ...at, type: 'update', target, op: op ? this.text(op).slice(0, -1) : '?', value };
            }
            case 'ExpressionStatement':
                return { ...at, type: 'expression', value: this.commaExpression(parts, node) };
            case 'ImportStatement':
                return { ...at, type: 'import', bindings: this.importBindings(parts) };
        }
        if (BLOCKS.has(node.name)) {
            const definition = node.name === 'DecoratedStatement' ? parts.find(p => BLOCKS.has(p.name)) ?? node : node;
            const defined = children(definition).find(p => p.name === 'VariableName');
            const keyword = children(definition).find(p => p.name !== 'async' && p.name !== 'Decorator');
            const body = node.name === 'WithStatement' ? parts.find(p => p.name === 'Body') : undefined;
            return {
                ...at, type: 'block', keyword: keyword ? this.text(keyword) : node.name, names: defined ? [this.text(defined)] : [],
                identifiers: this.identifiers(node), assigned: this.assigned(node), ...(body ? { body: this.statements(body) } : {})
            };
        }
        return { ...at, type: 'other' };
    }

    private identifiers(node: SyntaxNode): Set<string> {
        const names = new Set<string>();
        const cursor = node.cursor();
        const end = node.to;
        while (cursor.next() && cursor.from < end) {
            if (cursor.name === 'VariableName' || cursor.name === 'PropertyName') names.add(this.source.slice(cursor.from, cursor.to));
        }
        return names;
    }

    /** The variables a block may assign: `x = ...`, `x += ...`, `for x in`, `with ... as x`, `import x`. */
    private assigned(node: SyntaxNode): Set<string> {
        const names = new Set<string>();
        const cursor = node.cursor();
        const end = node.to;
        while (cursor.next() && cursor.from < end) {
            const parent = cursor.node.parent;
            if (cursor.name !== 'VariableName' || !parent) continue;
            const before = (name: string) => children(parent).some(c => c.from > cursor.from && c.name === name);
            const assigns = ((parent.name === 'AssignStatement' || parent.name === 'UpdateStatement') && before(parent.name === 'AssignStatement' ? 'AssignOp' : 'UpdateOp'))
                || (parent.name === 'ForStatement' && before('in'))
                || (parent.name === 'WithStatement' && !before('as') && children(parent).some(c => c.name === 'as'))
                || parent.name === 'ImportStatement';
            if (assigns) names.add(this.source.slice(cursor.from, cursor.to));
        }
        return names;
    }

    /** `import a.b as c, d` and `from a.b import (c as d, e)`. */
    private importBindings(parts: SyntaxNode[]): PyImportBinding[] {
        const words = parts.map(p => this.text(p));
        const bindings: PyImportBinding[] = [];
        const importAt = words.indexOf('import');
        const from = words[0] === 'from' ? words.slice(1, importAt).join('') : undefined;
        const names = splitOn(parts.slice(importAt + 1).filter(p => p.name !== '(' && p.name !== ')'), ',');
        for (const name of names) {
            const text = name.map(p => this.text(p));
            const asAt = text.indexOf('as');
            const dotted = (asAt < 0 ? text : text.slice(0, asAt)).join('');
            if (dotted === '*') continue;
            const local = asAt < 0 ? (from === undefined ? dotted.split('.')[0] : dotted) : text[asAt + 1];
            const path = from === undefined ? (asAt < 0 ? local : dotted) : `${from}.${dotted}`;
            bindings.push({ local, path });
        }
        return bindings;
    }

    /** A comma-separated run of expressions (`a, b` without parentheses) is a tuple. */
    private commaExpression(parts: SyntaxNode[], whole: SyntaxNode): PyExpr {
        const items = splitOn(parts, ',');
        if (items.length === 1 && items[0].length === 1) return this.expression(items[0][0]);
        const exprs = items.filter(item => item.length > 0).map(item => (item.length === 1 ? this.expression(item[0]) : this.other(whole, 'this expression')));
        const first = parts[0] ?? whole;
        const last = parts[parts.length - 1] ?? whole;
        return { ...this.locatedSpan(first.from, last.to), type: 'tuple', items: exprs };
    }

    private expression(node: SyntaxNode): PyExpr {
        const at = this.located(node);
        const parts = children(node);
        switch (node.name) {
            case 'Number': return this.number(node);
            case 'String': {
                const value = decodePythonString(at.text);
                return value === undefined ? this.other(node, 'a bytes literal') : { ...at, type: 'string', value };
            }
            case 'ContinuedString': {
                const pieces = parts.map(p => (p.name === 'String' ? decodePythonString(this.text(p)) : undefined));
                return pieces.every(p => p !== undefined) ? { ...at, type: 'string', value: pieces.join('') } : this.other(node, 'an f-string');
            }
            case 'Boolean': return { ...at, type: 'constant', value: at.text === 'True' };
            case 'None': return { ...at, type: 'constant', value: null };
            case 'VariableName': return { ...at, type: 'name', name: at.text };
            case 'MemberExpression': {
                const property = parts[2];
                if (parts[1]?.name === '.' && property?.name === 'PropertyName') {
                    return { ...at, type: 'attribute', object: this.expression(parts[0]), name: this.text(property), nameFrom: property.from };
                }
                return this.other(node, 'a subscript');
            }
            case 'CallExpression': {
                const argList = parts[parts.length - 1];
                const inside = children(argList);
                const close = inside[inside.length - 1];
                const closeParen = close?.name === ')' && close.to > close.from ? close.from : undefined;
                const trailingComma = inside.length > 2 && inside[inside.length - 2].name === ',';
                return { ...at, type: 'call', callee: this.expression(parts[0]), args: this.args(argList), closeParen, trailingComma };
            }
            case 'ParenthesizedExpression': return { ...at, type: 'paren', inner: this.expression(parts[1]) };
            case 'TupleExpression': return { ...at, type: 'tuple', items: this.items(parts) };
            case 'ArrayExpression': return { ...at, type: 'list', items: this.items(parts) };
            case 'UnaryExpression': return { ...at, type: 'unary', op: this.text(parts[0]), operand: this.expression(parts[1]) };
            case 'BinaryExpression':
                return { ...at, type: 'binary', op: this.text(parts[1]), left: this.expression(parts[0]), right: this.expression(parts[2]) };
        }
        return this.other(node, OTHER_WORDS[node.name] ?? 'an expression RNN Lens cannot read');
    }

    /** Items between brackets, separated by commas. */
    private items(parts: SyntaxNode[]): PyExpr[] {
        return splitOn(parts.slice(1, -1), ',').filter(item => item.length > 0).map(item => this.expression(item[0]));
    }

    private args(argList: SyntaxNode): PyArg[] {
        return splitOn(children(argList).slice(1, -1), ',').filter(item => item.length > 0).map(item => {
            const [first, second, third] = item;
            const span = { from: first.from, to: item[item.length - 1].to };
            if (first.name === '*' || first.name === '**') return { ...span, star: first.name, value: second ? this.expression(second) : this.other(first, 'a starred argument') };
            if (second?.name === 'AssignOp' && third) return { ...span, keyword: this.text(first), keywordFrom: first.from, value: this.expression(third) };
            if (second?.name === 'AssignOp') return { ...span, keyword: this.text(first), keywordFrom: first.from, value: this.other(second, 'a missing value') };
            return { ...span, value: item.length === 1 ? this.expression(first) : this.other(argList, 'a generator') };
        });
    }

    private number(node: SyntaxNode): PyExpr {
        const text = this.text(node).replace(/_/g, '').toLowerCase();
        if (text.endsWith('j')) return this.other(node, 'a complex number');
        const radix = { '0x': 16, '0o': 8, '0b': 2 }[text.slice(0, 2)];
        const value = radix ? parseInt(text.slice(2), radix) : Number(text);
        return { ...this.located(node), type: 'number', value };
    }

    private other(node: SyntaxNode, why: string): PyExpr {
        return { ...this.located(node), type: 'other', why };
    }

    private located(node: SyntaxNode) {
        return this.locatedSpan(node.from, node.to);
    }

    private locatedSpan(from: number, to: number) {
        return { line: this.lineOf(from), endLine: this.lineOf(Math.max(from, to - 1)), text: this.source.slice(from, to), from, to };
    }

    private text(node: SyntaxNode): string {
        return this.source.slice(node.from, node.to);
    }

    private lineOf(offset: number): number {
        let low = 0;
        let high = this.lineStarts.length - 1;
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if (this.lineStarts[mid] <= offset) low = mid;
            else high = mid - 1;
        }
        return low + 1;
    }

    private error(message: string, offset: number): PythonSyntaxError {
        const line = this.lineOf(offset);
        const column = offset - this.lineStarts[line - 1] + 1;
        const code = this.source.slice(this.lineStarts[line - 1]).split('\n')[0].trim();
        return new PythonSyntaxError(`${message}${code ? ` in "${code}"` : ''}`, line, column);
    }
}

/** The children of a node, without comments (they may stand anywhere). */
function children(node: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) if (child.name !== 'Comment') out.push(child);
    return out;
}

/** Splits a run of nodes at every node named `separator`. */
function splitOn(nodes: SyntaxNode[], separator: string): SyntaxNode[][] {
    const groups: SyntaxNode[][] = [[]];
    for (const node of nodes) {
        if (node.name === separator) groups.push([]);
        else groups[groups.length - 1].push(node);
    }
    return groups;
}
