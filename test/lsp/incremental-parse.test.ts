/**
 * Incremental parsing and analysis give what a fresh parse of the whole text gives. Each version
 * of a document, edited at random, is parsed reusing the previous version's unchanged chunks and
 * analysed reusing its unchanged models; a document opened fresh with the same text (another
 * URI: nothing to reuse) must have the same CST leaves (offsets, ranges, text), the same
 * statements, linked references, diagnostics and analysis. And an edit inside one model parses
 * only that model's chunk again.
 */
import { AstUtils, CstUtils, EmptyFileSystem, URI, type CstNode, type LangiumDocument } from 'langium';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Range } from 'vscode-languageserver';
import { analyzeText } from '../../language/src/analyze-text.js';
import type { DocumentAnalysis } from '../../language/src/analysis/types.js';
import type { Document } from '../../language/src/generated/ast.js';
import { isConstantRef } from '../../language/src/generated/ast.js';
import { IncrementalDocumentFactory } from '../../language/src/incremental/incremental-document-factory.js';
import { createRnnLensServices } from '../../language/src/lsp/rnn-lens-module.js';
import { mulberry32 } from '../../training/src/data/synthetic.js';
import { ROOT } from '../helpers/ensure-built.js';
import { mutate } from '../helpers/mutate.js';

const { shared, RnnLens } = createRnnLensServices({ ...EmptyFileSystem });
const factory = shared.workspace.LangiumDocumentFactory as IncrementalDocumentFactory;
const notebook = readFileSync(join(ROOT, 'examples', 'advanced_rnn_theory.rnn'), 'utf8');

let freshCount = 0;

async function open(text: string, uri: URI): Promise<LangiumDocument<Document>> {
    if (shared.workspace.LangiumDocuments.hasDocument(uri)) shared.workspace.LangiumDocuments.deleteDocument(uri);
    const document = factory.fromString<Document>(text, uri);
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    return document;
}

const place = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

function leaves(root: { $cstNode?: CstNode }) {
    return CstUtils.streamCst(root.$cstNode!)
        .filter(node => !('content' in node))
        .map(node => `${node.offset}-${node.end} ${place(node.range)} ${node.hidden ? 'h' : ''}${JSON.stringify(node.text)}`)
        .toArray();
}

function statements(root: Document) {
    return root.statements.map(s => `${s.$type} ${"name" in s ? s.name : s.version} ${s.$cstNode?.offset}`);
}

function links(document: LangiumDocument<Document>) {
    return AstUtils.streamAllContents(document.parseResult.value).filter(isConstantRef)
        .map(ref => `${ref.constant.$refText}@${ref.$cstNode?.offset} → ${ref.constant.ref?.$cstNode?.offset ?? 'unresolved'}`).toArray();
}

function summary(result: DocumentAnalysis) {
    return {
        diagnostics: result.diagnostics.map(d => `${d.code} ${place(d.range)} ${d.message}`),
        models: result.models.map(m => ({ name: m.name, totals: m.totals, layers: m.layers.map(l => [l.name, l.output, l.params, place(l.description.range)]) }))
    };
}

/**
 * The reference: Langium's parser on the whole text, and the CLI's analysis of it (no chunks,
 * no caches); for links, the same text opened under a new URI (nothing reused).
 */
async function expectSameAsFresh(document: LangiumDocument<Document>, text: string, what: string): Promise<void> {
    const whole = RnnLens.parser.LangiumParser.parse<Document>(text);
    expect(document.parseResult.value.$cstNode?.root.fullText).toBe(text);
    expect(leaves(document.parseResult.value), what).toEqual(leaves(whole.value));
    expect(statements(document.parseResult.value), what).toEqual(statements(whole.value));
    expect(summary(RnnLens.analysis.AnalysisCache.get(document)), what).toEqual(summary(analyzeText(text)));
    const fresh = await open(text, URI.parse(`file:///fresh/${freshCount++}.rnn`));
    expect(links(document), what).toEqual(links(fresh));
    shared.workspace.LangiumDocuments.deleteDocument(fresh.uri);
}

describe('incremental parsing and analysis', () => {
    it('reparses only the edited model, and keeps every other model\'s analysis object', async () => {
        const uri = URI.parse('file:///incremental/one-model.rnn');
        const before = await open(notebook, uri);
        const first = factory.statisticsOf(uri)!;
        expect(first.parsed).toBe(first.chunks);
        const kept = RnnLens.analysis.AnalysisCache.get(before).models;
        const edited = notebook.replace('LSTM(60, activation="relu", recurrent_dropout=0.1)', 'LSTM(64, activation="relu", recurrent_dropout=0.1)');
        const after = await open(edited, uri);
        expect(factory.statisticsOf(uri)).toEqual({ chunks: first.chunks, parsed: 1 });
        const models = RnnLens.analysis.AnalysisCache.get(after).models;
        expect(models.filter((m, i) => m === kept[i]).map(m => m.name)).toEqual(kept.map(m => m.name).filter(n => n !== 'StackedLSTM'));
        expect(models.find(m => m.name === 'StackedLSTM')!.layers[5].params!.trainable).toBe(4 * (64 * (64 + 50) + 64));
        await expectSameAsFresh(after, edited, 'one edit');
    });

    it('a constant\'s new value reaches the models that use it, and only those are lowered again', async () => {
        const uri = URI.parse('file:///incremental/constant.rnn');
        const before = RnnLens.analysis.AnalysisCache.get(await open(notebook, uri)).models;
        const edited = notebook.replace('let monster2_features = 50', 'let monster2_features = 40');
        const after = RnnLens.analysis.AnalysisCache.get(await open(edited, uri)).models;
        expect(after.filter((m, i) => m !== before[i]).map(m => m.name)).toEqual(['Monster2']);
        expect(after.find(m => m.name === 'Monster2')!.layers[0].params!.trainable).toBe(40 * 2 * 20 + 20);
    });

    it('equals a fresh parse over 150 seeded random edits (cuts, repeats, stray tokens, lines added and removed)', async () => {
        const uri = URI.parse('file:///incremental/fuzz.rnn');
        const next = mulberry32(7);
        let text = notebook;
        await open(text, uri);
        for (let version = 1; version <= 150; version++) {
            text = version % 40 === 0 ? notebook : mutate(text, next);
            const document = await open(text, uri);
            await expectSameAsFresh(document, text, `version ${version}:\n${text}`);
        }
    }, 120_000);
});
