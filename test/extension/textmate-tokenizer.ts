/**
 * Tokenizes text with a TextMate grammar the way VS Code does: vscode-textmate with the
 * Oniguruma regex engine (vscode-oniguruma's wasm), so a pattern that JavaScript would accept
 * but Oniguruma would not (or would read differently) fails here as it would in the editor.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

export interface Token {
    readonly text: string;
    readonly scopes: readonly string[];
}

let onigReady: Promise<void> | undefined;

function loadOniguruma(): Promise<void> {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('vscode-oniguruma/release/onig.wasm'));
    onigReady ??= oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return onigReady;
}

export async function loadGrammar(rawGrammarJson: string, scopeName: string): Promise<textmate.IGrammar> {
    await loadOniguruma();
    const registry = new textmate.Registry({
        onigLib: Promise.resolve({
            createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
            createOnigString: (s: string) => new oniguruma.OnigString(s)
        }),
        loadGrammar: async name => (name === scopeName ? textmate.parseRawGrammar(rawGrammarJson, 'grammar.json') : null)
    });
    const grammar = await registry.loadGrammar(scopeName);
    if (!grammar) throw new Error(`grammar ${scopeName} did not load`);
    return grammar;
}

/** The tokens of each line, the state carried from line to line as the editor does. */
export function tokenizeLines(grammar: textmate.IGrammar, text: string): Token[][] {
    let state = textmate.INITIAL;
    return text.split('\n').map(line => {
        const result = grammar.tokenizeLine(line, state);
        state = result.ruleStack;
        return result.tokens.map(t => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    });
}
