/**
 * Lowering of one model, whichever door it came through (syntax.ts): calls are bound to the
 * catalog's signatures, compile/fit/data are kept apart, the model's input is found, and what
 * cannot be lowered is reported.
 */
import { findLayerKind, layerKindNames, signatureOf } from '../catalog/index.js';
import { findStatementKind, STATEMENT_KINDS } from '../catalog/statements.js';
import type { LayerKind } from '../catalog/layer-kind.js';
import type { Dim } from '../catalog/shape.js';
import { bindCall } from './bind.js';
import type { BoundCall, InputDescription, LayerDescription, ModelDescription, StatementDescription } from './description.js';
import { diagnostic } from './diagnostic.js';
import { addArgumentEdit, removeArgumentEdit } from './edits.js';
import type { EvaluationScope } from './evaluate.js';
import type { SyntaxCall, SyntaxModel, SyntaxModelCall } from './syntax.js';
import { didYouMean, suggest } from './suggest.js';
import { formatValue, sequenceItems, type Value } from './values.js';

export function lowerModel(model: SyntaxModel, scope: EvaluationScope): ModelDescription {
    const layers: LayerDescription[] = [];
    const statements: Partial<Record<'compile' | 'fit' | 'data', StatementDescription>> = {};
    let inputCall: BoundCall | undefined;

    for (const call of model.calls) {
        const statementKind = findStatementKind(call.callee);
        if (statementKind) {
            const { bound } = bindCall(call, statementKind.args, scope);
            if (statements[statementKind.name]) {
                scope.report(diagnostic('statement-order', `${statementKind.name}(...) appears twice in model "${model.name}"; keep one.`, bound.nameRange));
                continue;
            }
            statements[statementKind.name] = { ...bound, kind: statementKind.name };
            continue;
        }
        const kind = call.unfollowed ? undefined : findLayerKind(call.callee);
        if (call.unfollowed) {
            layers.push(unknownLayer(call));
            continue;
        }
        if (!kind) {
            reportUnknownCallee(call, scope);
            // Kept in the stack, unknown: Keras could not build the model, so neither are the shapes after it known.
            layers.push(unknownLayer(call));
            continue;
        }
        const after = Object.values(statements)[0];
        if (after) {
            scope.report(diagnostic('statement-order',
                `${call.callee} comes after ${after.kind}(...): layers build the stack and go first, then compile, fit and data.`,
                call.calleeRange));
        }
        if (kind.category === 'cell') {
            reportCellAsLayer(call, kind, scope);
            layers.push(unknownLayer(call));
            continue;
        }
        if (kind.category === 'input') {
            const { bound } = bindCall(call, signatureOf(kind), scope);
            if (layers.length > 0 || inputCall) {
                scope.report(diagnostic('input-shape-misplaced', 'Input(...) must be the first statement of the model; here Keras would not use it as the input.', bound.nameRange));
            } else {
                inputCall = bound;
            }
            continue;
        }
        const layer = lowerLayer(call, kind, scope);
        layers.push(call.insertion ? { ...layer, insertion: call.insertion } : layer);
    }

    const input = findInput(inputCall, layers, scope);
    return {
        name: model.name,
        range: model.range,
        nameRange: model.nameRange,
        input,
        layers,
        compile: statements.compile,
        fit: statements.fit,
        data: statements.data,
        bodyStart: model.bodyStart
    };
}

function lowerLayer(call: SyntaxCall, kind: LayerKind, scope: EvaluationScope): LayerDescription {
    const { bound, nestedLayers, nestedLists } = bindCall(call, signatureOf(kind), scope);
    if (!kind.wraps) return { ...bound, kind: kind.name };
    const list = nestedLists.get(kind.wraps.argument);
    if (list) {
        const items = list.map(item => lowerWrapped(kind, item, scope));
        const lowered = items.filter(item => item !== null);
        if (lowered.length < items.length) return { ...bound, kind: kind.name, valid: false };
        return { ...bound, kind: kind.name, items: lowered, valid: bound.valid && lowered.every(item => item.valid) };
    }
    const nested = nestedLayers.get(kind.wraps.argument);
    if (!nested) return { ...bound, kind: kind.name, valid: false };
    const inner = lowerWrapped(kind, nested, scope);
    const secondCall = kind.wraps.second === undefined ? undefined : nestedLayers.get(kind.wraps.second);
    const second = secondCall && lowerWrapped(kind, secondCall, scope);
    if (!inner || second === null) return { ...bound, kind: kind.name, valid: false };
    return { ...bound, kind: kind.name, inner, ...(second ? { second } : {}), valid: bound.valid && inner.valid && (second?.valid ?? true) };
}

/** A layer inside a wrapper, or null (reported) when it is unknown or of a kind the wrapper does not take. */
function lowerWrapped(wrapper: LayerKind, nested: SyntaxCall, scope: EvaluationScope): LayerDescription | null {
    const innerKind = findLayerKind(nested.callee);
    if (!innerKind) {
        reportUnknownCallee(nested, scope);
        return null;
    }
    const accepts = wrapper.wraps?.accepts;
    if ((accepts === 'cell') !== (innerKind.category === 'cell')) {
        scope.report(diagnostic('invalid-argument', accepts === 'cell'
            ? `${wrapper.name} runs a cell at each step (SimpleRNNCell, LSTMCell, GRUCell or StackedRNNCells), not ${innerKind.name}; Keras: "The RNN cell should have a \`state_size\` attribute".`
            : `${innerKind.name} is a cell, one step of a recurrent layer: wrap it in RNN first, ${wrapper.name}(RNN(${innerKind.name}(...))).`,
        nested.calleeRange));
        return null;
    }
    if (accepts === 'recurrent' && !innerKind.recurrent) {
        scope.report(diagnostic('invalid-argument',
            `${wrapper.name} wraps a recurrent layer (SimpleRNN, LSTM or GRU), not ${innerKind.name}: it runs the layer over the sequence in both directions.`,
            nested.calleeRange));
        return null;
    }
    return lowerLayer(nested, innerKind, scope);
}

function unknownLayer(call: SyntaxModelCall): LayerDescription {
    return {
        kind: call.callee, args: {}, given: [], argRanges: {}, valueRanges: {}, itemRanges: {},
        range: call.range, nameRange: call.calleeRange,
        syntax: { closeParen: call.closeParen, argumentCount: call.args.length, trailingComma: call.trailingComma },
        valid: false
    };
}

/** A cell where a layer goes: Keras's Sequential cannot call it (it needs the states as well as the input). */
function reportCellAsLayer(call: SyntaxCall, kind: LayerKind, scope: EvaluationScope): void {
    const range = call.range;
    scope.report(diagnostic('unknown-layer',
        `${kind.name} is a cell, one step of a recurrent layer, not a layer a model can run: Keras fails ("Layer ${kind.name} has multiple required positional arguments: inputs, states"). Run it over the sequence with RNN(${kind.name}(...)).`,
        call.calleeRange,
        [{ title: `Wrap in RNN(...)`, edits: [{ range: { start: range.start, end: range.start }, newText: 'RNN(' }, { range: { start: range.end, end: range.end }, newText: ')' }], preferred: true }]));
}

function reportUnknownCallee(call: SyntaxCall, scope: EvaluationScope): void {
    const names = [...layerKindNames(), ...STATEMENT_KINDS.map(s => s.name)];
    const suggestions = suggest(call.callee, names);
    const range = call.calleeRange;
    scope.report(diagnostic('unknown-layer',
        `"${call.callee}" is not a layer RNN Lens knows, nor compile, fit or data.${didYouMean(suggestions)}`,
        range,
        suggestions.map((s, i) => ({ title: `Change to ${s}`, edits: [{ range, newText: s }], preferred: i === 0 }))));
}

/** Arguments that declare the input shape: on the first layer only (the wrapper, not the wrapped). */
const INPUT_ARGS = ['batch_input_shape', 'input_shape', 'input_dim'] as const;

function findInput(inputCall: BoundCall | undefined, allLayers: readonly LayerDescription[], scope: EvaluationScope): InputDescription | undefined {
    // A misspelt layer (already reported) does not move the input shape off the first real layer.
    const layers = allLayers.filter(l => findLayerKind(l.kind));
    let input = inputCall ? inputFromCall(inputCall) : undefined;
    layers.forEach((layer, index) => {
        const declared = inputArgsOf(layer);
        if (index === 0 && !input && declared.length > 0) {
            input = inputFromLayer(layer, declared[0]);
            return;
        }
        for (const name of declared) {
            const first = layers[0];
            const edits = [removeArgumentEdit(layer, name)];
            if (!input && first) edits.push(addArgumentEdit(first, `${name}=${formatValue(layer.args[name])}`));
            scope.report(diagnostic('input-shape-misplaced',
                input
                    ? `${name} belongs on the first layer only; the model's input is already given${inputCall ? ' by Input(...)' : ''}, so Keras ignores it here. Remove it.`
                    : `${name} belongs on the first layer of the model; on layer ${index + 1} Keras ignores it. Move it to the first layer.`,
                layer.argRanges[name],
                [{ title: input ? `Remove ${name}` : `Move ${name} to the first layer`, edits: edits.filter(e => e !== undefined), preferred: true }]));
        }
    });
    // input_shape on the wrapped layer: it belongs on the wrapper.
    layers.forEach((layer, index) => {
        const inner = layer.inner;
        if (!inner) return;
        for (const name of inputArgsOf(inner)) {
            const edits = [removeArgumentEdit(inner, name)];
            if (index === 0 && !input) edits.push(addArgumentEdit(layer, `${name}=${formatValue(inner.args[name])}`));
            scope.report(diagnostic('input-shape-misplaced',
                `${name} goes on ${layer.kind}, not on the ${inner.kind} inside it: Keras reads the input shape of the outermost layer only, and says "This model has not yet been built" here.`,
                inner.argRanges[name],
                [{ title: `Move ${name} to ${layer.kind}`, edits: edits.filter(e => e !== undefined), preferred: true }]));
            // Analyse as the user meant, so that the rest of the model still gets its shapes.
            if (index === 0 && !input) input = inputFromLayer(inner, name);
        }
    });
    const firstLayer = layers[0];
    if (!input && firstLayer?.kind === 'Embedding' && firstLayer.given.includes('input_length')) {
        const length = firstLayer.args.input_length;
        input = {
            shape: [typeof length === 'number' ? length : null], batchSize: null,
            range: firstLayer.argRanges.input_length, valueRange: firstLayer.valueRanges.input_length, source: 'input_length'
        };
    }
    return input;
}

/** The input-declaring arguments a layer was given; Embedding's own `input_dim` (its vocabulary) is not one. */
function inputArgsOf(layer: LayerDescription): Array<typeof INPUT_ARGS[number]> {
    const own = findLayerKind(layer.kind)?.args ?? [];
    return INPUT_ARGS.filter(name => layer.given.includes(name) && !own.some(a => a.name === name));
}

function inputFromCall(call: BoundCall): InputDescription | undefined {
    const batchShape = dims(call.args.batch_shape);
    if (batchShape) {
        return { shape: batchShape.slice(1), batchSize: batchShape[0], range: call.range, valueRange: call.valueRanges.batch_shape, source: 'Input', call };
    }
    const shape = dims(call.args.shape);
    if (!shape) return undefined;
    return { shape, batchSize: numberOrNull(call.args.batch_size), range: call.range, valueRange: call.valueRanges.shape, source: 'Input', call };
}

function inputFromLayer(layer: LayerDescription, name: typeof INPUT_ARGS[number]): InputDescription | undefined {
    const range = layer.argRanges[name];
    const valueRange = layer.valueRanges[name];
    const value = layer.args[name];
    if (name === 'input_dim') {
        return typeof value === 'number' ? { shape: [value], batchSize: numberOrNull(layer.args.batch_size), range, valueRange, source: name } : undefined;
    }
    const shape = dims(value);
    if (!shape) return undefined;
    if (name === 'batch_input_shape') return { shape: shape.slice(1), batchSize: shape[0], range, valueRange, source: name };
    return { shape, batchSize: numberOrNull(layer.args.batch_size), range, valueRange, source: name };
}

function dims(value: Value | undefined): Dim[] | undefined {
    const items = sequenceItems(value);
    if (!items) return undefined;
    return items.map(item => (typeof item === 'number' ? item : null));
}

function numberOrNull(value: Value | undefined): number | null {
    return typeof value === 'number' ? value : null;
}
