/**
 * How a model is shown outside the text: the status-bar item's text and tooltip, and its entry
 * in a quick pick. Pure, for tests; the numbers are formatted as Keras's summary prints its
 * totals (`3,890`).
 */
import { formatCount, paramTotalText } from '../../../language/src/index.js';
import type { ModelOutline } from '../../../language/src/lsp.js';

/** `3,890 params`; an incomplete model's total leaves out the layers that are unknown: `≥ 3,890 params`. */
function paramsText(model: ModelOutline): string {
    return paramTotalText(model.totalParams, model.complete);
}

export function modelStatusText(model: ModelOutline): { text: string; tooltip: string } {
    const tooltip = [
        `Model "${model.name}"`,
        `Total params: ${formatCount(model.totalParams)}`,
        `Trainable params: ${formatCount(model.trainableParams)}`,
        `Non-trainable params: ${formatCount(model.nonTrainableParams)}`,
        ...(model.complete ? [] : ['Some layers have unknown shapes or parameters and are not counted: see the Problems.']),
        'Click to show the summary.'
    ].join('\n');
    return { text: `$(symbol-class) ${model.name}: ${paramsText(model)}`, tooltip };
}

export function modelPickItem(model: ModelOutline): { label: string; description: string; detail: string } {
    return { label: model.name, description: paramsText(model), detail: `line ${model.range.start.line + 1}` };
}
