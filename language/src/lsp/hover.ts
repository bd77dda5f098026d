/**
 * Hovers on layer names, argument names, constants and model names. Finds what is under the
 * cursor in the CST, then answers from the analysis and the catalog.
 */
import { CstUtils, type LangiumDocument } from 'langium';
import type { HoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import type { DocumentAnalysis, LayerAnalysis } from '../analysis/types.js';
import { findLayerKind, signatureOf } from '../catalog/index.js';
import type { LayerOutcome } from '../catalog/layer-kind.js';
import { findStatementKind } from '../catalog/statements.js';
import type { Shape } from '../catalog/shape.js';
import { argumentMarkdown, constantMarkdown, layerMarkdown, modelMarkdown } from '../explain/hover-markdown.js';
import { isArgument, isCall, isConstant, isConstantRef, isKerasTarget, isModel } from '../generated/ast.js';
import { kerasVersionName } from '../model/keras-version.js';
import type { BoundCall, LayerDescription, ModelDescription } from '../model/description.js';
import { compareRanges, emptyRangeAt, rangeContains, type Position, type SourceRange } from '../model/source.js';
import type { AnalysisCache } from './analysis-cache.js';
import type { ClientProfile } from './client-profile.js';

export class RnnHoverProvider implements HoverProvider {
    constructor(private readonly analyses: AnalysisCache, private readonly client: ClientProfile) {}

    getHoverContent(document: LangiumDocument, params: HoverParams): Hover | undefined {
        const root = document.parseResult.value.$cstNode;
        const offset = document.textDocument.offsetAt(params.position);
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, offset);
        if (!leaf) return undefined;
        const node = leaf.astNode;
        const analysis = this.analyses.get(document);
        // Written in Markdown; sent as plain text to a client that does not take Markdown.
        const markdown = (value: string): Hover => ({ contents: this.client.hoverContent(value), range: leaf.range });

        if (isCall(node) && leaf.text === node.callee) {
            const layer = layerHoverAt(analysis, leaf.range.start, () => node.callee);
            if (layer) return markdown(layer.markdown);
            const kind = findLayerKind(node.callee);
            if (kind) return markdown(layerMarkdown(kind, undefined, undefined, undefined, kind.kerasName, analysis.keras, node.callee));
            const statement = findStatementKind(node.callee);
            return statement ? markdown(`**${statement.name}(...)**: ${statement.summary}`) : undefined;
        }
        if (isArgument(node) && leaf.text === node.keyword && isCall(node.$container)) {
            const argument = argumentHoverAt(analysis, leaf.range.start, () => (node.$container as { callee: string }).callee);
            return argument ? markdown(argument.markdown) : undefined;
        }
        if (isConstantRef(node) || (isConstant(node) && leaf.text === node.name)) {
            const name = isConstantRef(node) ? node.constant.$refText : node.name;
            const constant = analysis.description.constants.find(c => c.name === name);
            return constant ? markdown(constantMarkdown(name, constant.value, constant.nameRange.start.line)) : undefined;
        }
        if (isKerasTarget(node)) {
            return markdown(`**keras ${node.version ?? ''}**: this file follows ${kerasVersionName(analysis.keras)}, whatever the \`rnnLens.keras\` setting or \`--keras\` say. Keras 3 is what \`pip install keras\`, TensorFlow 2.16 and later, and Colab give; Keras 2 is tf-keras (TensorFlow 2.15 and earlier).`);
        }
        if (isModel(node) && leaf.text === node.name) {
            const model = analysis.models.find(m => m.name === node.name);
            return model ? markdown(modelMarkdown(model)) : undefined;
        }
        return undefined;
    }
}

interface FoundLayer {
    readonly layer: LayerAnalysis;
    readonly description: LayerDescription;
    readonly outcome?: LayerOutcome;
    readonly input?: Shape;
    readonly title: string;
}

/**
 * The teaching hover of the layer call whose name is under `position`, for either door (it reads
 * only the analysis and its ranges); `calleeAt` gives the name as written there (an alias such as
 * `MaxPool1D` is named in the hover).
 */
export function layerHoverAt(analysis: DocumentAnalysis, position: Position, calleeAt: (range: SourceRange) => string): { markdown: string; range: SourceRange } | undefined {
    const found = findLayerAt(analysis.models.flatMap(m => m.layers), position);
    const kind = found && findLayerKind(found.description.kind);
    if (!found || !kind) return undefined;
    const range = found.description.nameRange;
    return { markdown: layerMarkdown(kind, found.layer, found.outcome, found.input, found.title, analysis.keras, calleeAt(range) || kind.name), range };
}

/** The layer whose name is at `position`: a layer of a model, or one a wrapper wraps (a cell of an RNN included, at any depth). */
function findLayerAt(layers: readonly LayerAnalysis[], position: Position): FoundLayer | undefined {
    const at = emptyRangeAt(position);
    for (const layer of layers) {
        if (rangeContains(layer.description.nameRange, at)) {
            return { layer, description: layer.description, outcome: layer.outcome, input: layer.input, title: layer.name };
        }
        const perStep = layer.kind === 'TimeDistributed' && layer.input ? [layer.input[0], ...layer.input.slice(2)] : layer.input;
        const title = layer.kind === 'Bidirectional' ? `${layer.name}, each direction` : `inside ${layer.name}`;
        const nested = findNested(layer.description, layer.outcome, at);
        // A cell's input is the RNN's: the features of each step (a stacked cell's own input is the cell before it's units).
        if (nested) return { layer, description: nested.description, outcome: nested.outcome, input: nested.depth === 1 ? perStep : layer.input, title };
    }
    return undefined;
}

/** The wrapped layer or cell whose name holds `at`, with its outcome, searched through `inner` and `items`. */
function findNested(call: LayerDescription, outcome: LayerOutcome | undefined, at: SourceRange, depth = 1): { description: LayerDescription; outcome?: LayerOutcome; depth: number } | undefined {
    const children: Array<[LayerDescription, LayerOutcome | undefined]> = [
        ...(call.inner ? [[call.inner, outcome?.inner] as [LayerDescription, LayerOutcome | undefined]] : []),
        ...(call.items ?? []).map((item, i) => [item, outcome?.items?.[i]] as [LayerDescription, LayerOutcome | undefined])
    ];
    for (const [child, childOutcome] of children) {
        if (rangeContains(child.nameRange, at)) return { description: child, outcome: childOutcome, depth };
        const deeper = findNested(child, childOutcome, at, depth + 1);
        if (deeper) return deeper;
    }
    return undefined;
}

/**
 * The hover of the argument whose keyword is under `position` (`return_sequences` in
 * `LSTM(4, return_sequences=True)`), for either door (it reads only the description's ranges):
 * what the argument does, its type and default, and its value here. `calleeAt` gives the call's
 * name as written (an alias is named in the hover).
 */
export function argumentHoverAt(analysis: DocumentAnalysis, position: Position, calleeAt: (range: SourceRange) => string): { markdown: string; range: SourceRange } | undefined {
    const at = emptyRangeAt(position);
    for (const model of analysis.description.models) {
        for (const { call, kind } of callsOf(model)) {
            if (!rangeContains(call.range, at)) continue;
            for (const name of call.given) {
                const whole = call.argRanges[name];
                const value = call.valueRanges[name];
                // A positional argument has no keyword to hover.
                if (!whole || !value || compareRanges(emptyRangeAt(whole.start), emptyRangeAt(value.start)) >= 0) continue;
                const keyword = { start: whole.start, end: value.start };
                if (!rangeContains(keyword, at)) continue;
                const layerKind = findLayerKind(kind);
                const spec = (layerKind ? signatureOf(layerKind) : findStatementKind(kind)?.args)?.find(s => s.name === name);
                if (spec) return { markdown: argumentMarkdown(calleeAt(call.nameRange) || kind, spec, call.args[name]), range: keyword };
            }
        }
    }
    return undefined;
}

/** Every call of a model with the catalog kind its arguments are documented by: its layers (and the layers and cells they wrap), Input, compile, fit, data. */
function callsOf(model: ModelDescription): Array<{ call: BoundCall; kind: string }> {
    return [
        ...model.layers.flatMap(withNested).map(call => ({ call, kind: call.kind })),
        ...(model.input?.call ? [{ call: model.input.call, kind: 'Input' }] : []),
        ...[model.compile, model.fit, model.data].flatMap(call => (call ? [{ call, kind: call.kind }] : []))
    ];
}

/** A layer and every layer or cell it wraps. */
function withNested(call: LayerDescription): LayerDescription[] {
    return [call, ...[...(call.inner ? [call.inner] : []), ...(call.second ? [call.second] : []), ...(call.items ?? [])].flatMap(withNested)];
}
