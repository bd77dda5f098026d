/**
 * What the editor must show for a model, computed from the analysis's JSON (`rnn-lens summary
 * --json`): shared by the code-server e2e tests and the desktop VS Code runner (test/desktop/),
 * so both compare the editor with the same numbers. Pure: no Node, DOM or VS Code.
 */

export interface SummaryLayer {
    readonly name: string;
    readonly type: string;
    readonly outputShape: (number | null)[];
    readonly params: number;
}
export interface SummaryModel {
    readonly name: string;
    readonly layers: SummaryLayer[];
    readonly totalParams: number;
    readonly trainableParams: number;
    readonly nonTrainableParams: number;
}

/** A count as Keras prints totals and the hints show it: 3,840. */
export const count = (n: number) => n.toLocaleString('en-US');

/** A shape as Keras prints it: (None, 20, 3). */
export const shape = (dims: (number | null)[]) => `(${dims.map(d => (d === null ? 'None' : String(d))).join(', ')}${dims.length === 1 ? ',' : ''})`;

/** The hint after a model's name starts with this. */
export const totalHint = (model: SummaryModel) => `${count(model.totalParams)} params`;

/** The hints after the model's layers, in order: each layer's shape, then its parameter count. */
export const layerHints = (model: SummaryModel) => model.layers.flatMap(l => [shape(l.outputShape), `${count(l.params)} params`]);

/** The first LSTM of the model, with the formula its hover must show: 4 × [30 × (30 + 1) + 30] = 3,840. */
export function lstmFormula(model: SummaryModel): { layer: SummaryLayer; formula: string } {
    const at = model.layers.findIndex(l => l.type === 'LSTM');
    if (at < 1) throw new Error(`${model.name} has no LSTM after a first layer`);
    const layer = model.layers[at]!;
    const units = layer.outputShape.at(-1)!;
    const inputs = model.layers[at - 1]!.outputShape.at(-1)!;
    return { layer, formula: `4 × [${units} × (${units} + ${inputs}) + ${units}] = ${count(layer.params)}` };
}

export function modelNamed(models: readonly SummaryModel[], name: string): SummaryModel {
    const found = models.find(m => m.name === name);
    if (!found) throw new Error(`the analysis has no model ${name}`);
    return found;
}

/** The stacked LSTM that forgot return_sequences=True, and the line numbers (1-based) the tests look at. */
export const STACKED_LSTM = {
    text: ['model Stacked {', '    LSTM(30, input_shape=(21, 9))', '    LSTM(20)', '    Dense(1)', '}', ''].join('\n'),
    firstLstmLine: 2,
    secondLstmLine: 3,
    code: 'missing-return-sequences',
    fixTitle: 'Add return_sequences=True',
    fixedFirstLine: 'LSTM(30, input_shape=(21, 9), return_sequences=True)'
};
