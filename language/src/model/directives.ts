/**
 * A file's own say on its diagnostics, in a comment, as Rust's `#![allow(...)]`:
 *
 *     # rnn-lens: allow(pooling-drops-steps)          off in this file
 *     # rnn-lens: warn(slow-recurrent-kernel)         on, as a warning
 *
 * `allow` (off), `hint`, `info`, `warn` and `deny` (error), each with one or more codes; several in
 * one comment. A comment, not a statement: the grammar stays as it is, and a Python front end reads
 * the same line in a `.py` file or a notebook cell. The whole file is concerned wherever it stands.
 */
import type { DiagnosticLevel, DiagnosticLevels } from '../analysis/diagnostic-levels.js';
import { isDiagnosticCode } from '../analysis/diagnostic-levels.js';
import { DIAGNOSTIC_CODES, diagnostic, type DiagnosticCode, type RnnDiagnostic } from './diagnostic.js';
import type { SourceRange } from './source.js';
import { didYouMean, suggest } from './suggest.js';

const WORDS: Readonly<Record<string, Exclude<DiagnosticLevel, 'default'>>> = {
    allow: 'off', hint: 'hint', info: 'info', warn: 'warning', deny: 'error'
};

export interface FileDirectives {
    readonly levels: DiagnosticLevels;
    /** Directives that name no known level or code (`invalid-directive`). */
    readonly problems: readonly RnnDiagnostic[];
}

const MARKER = /rnn-lens\s*:/y;
const ITEM = /\s*([A-Za-z_][\w-]*)\s*\(([^)]*)\)\s*,?/y;

export function readDirectives(text: string): FileDirectives {
    const levels: Partial<Record<DiagnosticCode, DiagnosticLevel>> = {};
    const problems: RnnDiagnostic[] = [];
    text.split(/\r\n|\r|\n/).forEach((line, lineNumber) => {
        const hash = commentStart(line);
        if (hash < 0) return;
        let at = hash + 1;
        while (line[at] === ' ' || line[at] === '\t') at++;
        MARKER.lastIndex = at;
        if (!MARKER.test(line)) return;
        const range = (from: number, length: number): SourceRange => ({ start: { line: lineNumber, character: from }, end: { line: lineNumber, character: from + length } });
        let position = MARKER.lastIndex;
        for (;;) {
            while (line[position] === ' ' || line[position] === '\t') position++;
            if (position >= line.length) break;
            ITEM.lastIndex = position;
            const item = ITEM.exec(line);
            if (!item) {
                problems.push(diagnostic('invalid-directive', `An rnn-lens directive is a level and the codes it applies to, as in \`# rnn-lens: allow(pooling-drops-steps)\`; the levels are ${Object.keys(WORDS).join(', ')}.`, range(position, line.length - position)));
                break;
            }
            const [, word, list] = item;
            const level = WORDS[word];
            if (!level) {
                const close = suggest(word, Object.keys(WORDS));
                problems.push(diagnostic('invalid-directive', `"${word}" is no rnn-lens directive.${didYouMean(close)} The levels are ${Object.keys(WORDS).join(', ')}.`,
                    range(item.index + item[0].indexOf(word), word.length),
                    close.map((s, i) => ({ title: `Change to ${s}`, edits: [{ range: range(item.index + item[0].indexOf(word), word.length), newText: s }], preferred: i === 0 }))));
            }
            const listStart = item.index + item[0].indexOf('(') + 1;
            for (const match of list.matchAll(/[^,\s]+/g)) {
                const code = match[0];
                const where = range(listStart + match.index, code.length);
                if (isDiagnosticCode(code)) {
                    if (level) levels[code] = level;
                    continue;
                }
                const close = suggest(code, DIAGNOSTIC_CODES);
                problems.push(diagnostic('invalid-directive', `"${code}" is no diagnostic code of RNN Lens.${didYouMean(close)}`, where,
                    close.map((s, i) => ({ title: `Change to ${s}`, edits: [{ range: where, newText: s }], preferred: i === 0 }))));
            }
            position = ITEM.lastIndex;
        }
    });
    return { levels, problems };
}

/** Where the line's comment starts (`#` outside a string), or −1. Strings never span lines in `.rnn`. */
function commentStart(line: string): number {
    let quote: string | undefined;
    for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quote) {
            if (c === '\\') i++;
            else if (c === quote) quote = undefined;
        } else if (c === '"' || c === "'") {
            quote = c;
        } else if (c === '#') {
            return i;
        }
    }
    return -1;
}
