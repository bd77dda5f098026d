/**
 * `RNN(cell)` and its cells: SimpleRNNCell, LSTMCell, GRUCell and StackedRNNCells([...]). A cell
 * is one step of a recurrent layer: `RNN(LSTMCell(32))` is `LSTM(32)`, with the same weights,
 * so a cell's parameters are its layer's, counted by recurrent.ts's one formula. A cell is not a
 * layer of its own: a model runs it only inside RNN (lowering says so elsewhere). Checked with
 * Keras 3.15 and tf_keras 2.21 (test/fixtures/keras/layers.py).
 */
import type { Value } from '../model/values.js';
import type { LayerDescription } from '../model/description.js';
import { BOOL, arg, oneOf, required, type ArgSpec } from './arg-spec.js';
import { fail, isLayerError, type LayerKind, type LayerOutcome, type LayerResult } from './layer-kind.js';
import { formatCount } from './numbers.js';
import {
    GRU, LSTM, RECURRENT_FAMILIES, SimpleRNN, buildRecurrent, computeRecurrent, recurrentTfjsNote, sequenceArgs, sequenceArgumentError, type RecurrentFamily
} from './recurrent.js';
import { formatShape, lastDim, type Shape } from './shape.js';
import { NotTrainable } from './tfjs-build.js';

/** The arguments of the recurrent loop, which RNN has and its cells do not. */
const LOOP_ARGS = new Set([...sequenceArgs.map(a => a.name), 'use_cudnn', 'activity_regularizer']);

function cellKind(layer: LayerKind, family: RecurrentFamily): LayerKind {
    return {
        name: `${family.name}Cell`,
        kerasName: `${family.kerasName}_cell`,
        category: 'cell',
        summary: `One time step of ${family.name}, for RNN(...): RNN(${family.name}Cell(h)) is ${family.name}(h), with the same weights and parameter count.`,
        args: layer.args.filter(a => !LOOP_ARGS.has(a.name)),
        inputRank: { min: 3, max: 3 },
        compute: ({ input, args }) => {
            // The cell's weights are its layer's: the one formula, read without the loop's arguments.
            const result = computeRecurrent(family, input, { ...args, return_sequences: false, return_state: false, stateful: false, unroll: false });
            if (isLayerError(result)) return result;
            const h = args.units as number;
            return {
                ...result,
                shapeSteps: [`each step: ${h} units of hidden state${family.name === 'LSTM' ? ' (and a cell state of the same size)' : ''}`],
                notes: result.notes.filter(n => !n.startsWith('Only the last') && !n.startsWith('With return_sequences')),
                warnings: result.warnings.filter(w => w.code !== 'slow-recurrent-kernel')
            };
        },
        tfjsNote: args => recurrentTfjsNote(family.name, args)
    };
}

export const SimpleRNNCell = cellKind(SimpleRNN, RECURRENT_FAMILIES.SimpleRNN);
export const LSTMCell = cellKind(LSTM, RECURRENT_FAMILIES.LSTM);
export const GRUCell = cellKind(GRU, RECURRENT_FAMILIES.GRU);

/** The family of a single-cell kind (`LSTMCell` → LSTM), undefined for StackedRNNCells. */
export function cellFamily(kind: string): RecurrentFamily | undefined {
    return Object.values(RECURRENT_FAMILIES).find(f => `${f.name}Cell` === kind);
}

/**
 * Cells one after the other at each step: cell k reads cell k − 1's hidden state; the stack's
 * output is the last cell's, its parameters the sum of the cells'.
 */
function computeStack(input: Shape, cells: ReadonlyArray<(input: Shape) => LayerResult>, kinds: readonly (LayerKind | undefined)[]): LayerResult {
    if (cells.length === 0) {
        return fail('invalid-argument', 'StackedRNNCells needs at least one cell, e.g. StackedRNNCells([LSTMCell(32), GRUCell(16)]); Keras fails on an empty list.', 'cells');
    }
    const outcomes: LayerOutcome[] = [];
    let shape = input;
    for (const compute of cells) {
        const outcome = compute(shape);
        if (isLayerError(outcome)) return outcome;
        outcomes.push(outcome);
        shape = [input[0], input[1], lastDim(outcome.output)];
    }
    const trainable = outcomes.reduce((n, o) => n + o.params.trainable, 0);
    const nonTrainable = outcomes.reduce((n, o) => n + o.params.nonTrainable, 0);
    const names = kinds.map(k => k?.name ?? 'cell');
    const last = outcomes[outcomes.length - 1];
    return {
        output: last.output,
        params: { trainable, nonTrainable },
        shapeSteps: outcomes.map((o, i) => `cell ${i + 1} (${names[i]}): ${i === 0 ? 'reads the input' : `reads cell ${i}'s ${lastDim(outcomes[i - 1].output)} units`} → ${lastDim(o.output)} units`),
        formula: {
            symbolic: outcomes.map((_, i) => `cell ${i + 1}`).join(' + '),
            substituted: outcomes.map(o => o.formula?.substituted ?? formatCount(o.params.trainable + o.params.nonTrainable)).join(' + '),
            legend: outcomes.flatMap((o, i) => [`cell ${i + 1}: ${names[i]}, ${o.formula?.symbolic ?? 'no weights'}`, ...(o.formula?.legend ?? []).map(l => `cell ${i + 1}: ${l}`)])
        },
        notes: [`${cells.length} cells run one after the other at every step, each with its own weights: the parameters are the sum of the cells'.`],
        warnings: outcomes.flatMap(o => o.warnings),
        items: outcomes
    };
}

export const StackedRNNCells: LayerKind = {
    name: 'StackedRNNCells',
    kerasName: 'stacked_rnn_cells',
    category: 'cell',
    summary: 'Several cells as one, for RNN(...): at each step each cell reads the hidden state of the one before it.',
    args: [required('cells', { kind: 'list', of: { kind: 'layer' } }, 'The cells, in order: SimpleRNNCell, LSTMCell, GRUCell (or StackedRNNCells).')],
    inputRank: { min: 3, max: 3 },
    wraps: { argument: 'cells', accepts: 'cell' },
    compute: ({ input, computeItems, itemKinds }) => computeStack(input, computeItems ?? [], itemKinds ?? [])
};

const CELL_ARG: ArgSpec = required('cell', oneOf({ kind: 'layer' }, { kind: 'list', of: { kind: 'layer' } }),
    'The cell the layer runs at each step: SimpleRNNCell, LSTMCell, GRUCell, StackedRNNCells([...]), or a list of cells (stacked).');

export const RNN: LayerKind = {
    name: 'RNN',
    kerasName: 'rnn',
    category: 'recurrent',
    summary: 'Runs a recurrent cell over the time steps: RNN(LSTMCell(32)) is LSTM(32); RNN(StackedRNNCells([...])) runs several cells at each step.',
    args: [
        CELL_ARG, ...sequenceArgs,
        arg('zero_output_for_mask', BOOL, false, 'With a mask, output zeros (instead of the last output) at masked steps when return_sequences=True (Keras 3).')
    ],
    inputRank: { min: 3, max: 3 },
    recurrent: true,
    wraps: { argument: 'cell', accepts: 'cell' },
    compute({ input, args, keras, computeInner, innerKind, computeItems, itemKinds }) {
        if (input[2] === null || input[2] === undefined) {
            return fail('incompatible-rank', `RNN needs to know how many features each time step has, but the input shape ${formatShape(input)} ends in None.`);
        }
        const refused = sequenceArgumentError('RNN', input, args, keras);
        if (refused) return refused;
        const cell = computeItems ? computeStack(input, computeItems, itemKinds ?? []) : computeInner?.(input);
        if (!cell) return fail('missing-argument', 'RNN needs a cell, e.g. RNN(LSTMCell(32)).', 'cell');
        if (isLayerError(cell)) return cell;
        const h = lastDim(cell.output);
        const sequences = args.return_sequences === true;
        const cellName = computeItems ? 'the stacked cells' : innerKind?.name ?? 'the cell';
        const same = innerKind && cellFamily(innerKind.name);
        return {
            output: sequences ? [input[0], input[1], h] : [input[0], h],
            params: cell.params,
            shapeSteps: [
                ...cell.shapeSteps,
                sequences ? `return_sequences=True: ${cellName}' output at each of the ${input[1] ?? 'None'} steps, ${h} units each` : `return_sequences=False: only the last step's output, ${h} units`
            ],
            ...(cell.formula ? { formula: cell.formula } : {}),
            notes: [
                `RNN has no weights of its own: its ${formatCount(cell.params.trainable + cell.params.nonTrainable)} parameters are ${cellName}'s, used at every step.`,
                ...(same ? [`RNN(${same.name}Cell(...)) computes what ${same.name}(...) does with the same arguments; Keras runs it with its generic loop, never the fused cuDNN kernel.`] : []),
                ...cell.notes
            ],
            warnings: cell.warnings,
            ...(computeItems ? { items: cell.items } : { inner: cell })
        };
    },
    tfjs(context) {
        const cells = (context.description?.items ?? (context.description?.inner ? [context.description.inner] : [])).flatMap(flatCells);
        const families = cells.map(cell => cellFamily(cell.kind));
        if (cells.length === 0 || families.some(f => !f)) {
            throw new NotTrainable('RNN Lens trains RNN over SimpleRNNCell, LSTMCell and GRUCell (alone or stacked).', 'cell');
        }
        if (context.args.return_state === true) {
            throw new NotTrainable('RNN(return_state=True) returns several tensors; a Sequential model cannot pass them on.', 'return_state');
        }
        if (cells.length > 1 && context.args.go_backwards === true && context.masked) {
            // Keras's chain passes the mask on unreversed while the outputs are reversed: with a mask it is not the stack.
            throw new NotTrainable('RNN Lens trains stacked cells as one recurrent layer per cell, which with go_backwards=True computes differently from Keras once a mask (Masking, Embedding(mask_zero=True)) reaches it. Remove go_backwards or the mask, or stack one RNN per cell yourself.', 'go_backwards');
        }
        // RNN(LSTMCell(h, ...), return_sequences=...) is LSTM(h, ..., return_sequences=...): the same weights and math.
        // Stacked cells are Keras's chain RNN(c1, return_sequences=True, go_backwards=g), RNN(c2, return_sequences=True),
        // ..., RNN(cn, return_sequences=r): the first reads the reversed input and yields its outputs in the order it
        // ran them, which is the order every later cell runs in (checked with Keras 3, test/fixtures/keras/stacked-rnn-cells.json).
        const loop: Record<string, Value> = {};
        for (const spec of sequenceArgs) loop[spec.name] = context.args[spec.name];
        const built = cells.map((cell, i) => {
            const last = i === cells.length - 1;
            const args = {
                ...cell.args, ...loop, activity_regularizer: null, use_cudnn: 'auto',
                return_sequences: last ? loop.return_sequences : true,
                go_backwards: i === 0 ? loop.go_backwards : false
            };
            const frozen = cell.args.trainable === false;
            // Only the first layer of the chain may carry the model's input shape.
            const { batchInputShape, ...rest } = context.base;
            const base = {
                ...rest,
                ...(i === 0 && batchInputShape ? { batchInputShape } : {}),
                ...(cells.length > 1 ? { name: `${context.base.name}_cell_${i + 1}` } : {}),
                trainable: context.base.trainable && !frozen
            };
            return buildRecurrent(families[i]!.name, { ...context, args, base });
        });
        return built.length === 1 ? built[0] : built;
    }
};

/** The cells an RNN runs at each step, in order, StackedRNNCells opened (they may nest). */
function flatCells(cell: LayerDescription): LayerDescription[] {
    return cell.kind === 'StackedRNNCells' ? (cell.items ?? []).flatMap(flatCells) : [cell];
}

export const RNN_CELL_LAYERS: readonly LayerKind[] = [RNN, SimpleRNNCell, LSTMCell, GRUCell, StackedRNNCells];
