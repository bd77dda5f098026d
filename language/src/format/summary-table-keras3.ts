/**
 * The Keras 3 `model.summary()` table: `rich`'s boxed table (rich-table.ts), columns at 45% and
 * 80% of the line, then the totals with their sizes (`Total params: 3,238 (12.65 KB)`), as
 * keras/src/utils/summary_utils.py prints a Sequential model. The line is 88 wide in a terminal of
 * 92 columns or more; Keras makes it `columns − 4` in a narrower one, and 76 where stdout is not
 * a terminal (80 columns assumed).
 */
import { formatCount } from '../catalog/numbers.js';
import { formatShape } from '../catalog/shape.js';
import type { LayerAnalysis, ModelAnalysis } from '../analysis/types.js';
import { formatOutputs } from '../analysis/several-outputs.js';
import { columnWidths, richTable } from './rich-table.js';

export const KERAS3_LINE_LENGTH = 88;

/** Keras 3 keeps weights as float32 unless told otherwise: 4 bytes each. */
const BYTES_PER_PARAM = 4;

export function formatKeras3Summary(model: ModelAnalysis, lineLength = KERAS3_LINE_LENGTH): string {
    let at = 0;
    const widths = [0.45, 0.8, 1].map(p => {
        const width = Math.floor(p * lineLength) - at;
        at += width;
        return width;
    });
    // No input at all: Keras 3 builds nothing and says so; elsewhere "?" is what RNN Lens cannot know.
    const unbuilt = model.input === undefined;
    const body = model.layers.map(layer => [`${layer.name} (${layer.kind})`, outputCell(layer), paramCell(layer, unbuilt)]);
    const lines = [
        `Model: "${model.name}"`,
        ...richTable(['Layer (type)', 'Output Shape', 'Param #'], body, columnWidths(widths, lineLength), ['left', 'left', 'right']),
        ` Total params: ${formatCount(model.totals.total)} (${memorySize(model.totals.total)})`,
        ` Trainable params: ${formatCount(model.totals.trainable)} (${memorySize(model.totals.trainable)})`,
        ` Non-trainable params: ${formatCount(model.totals.nonTrainable)} (${memorySize(model.totals.nonTrainable)})`
    ];
    if (!unbuilt && !model.complete) lines.push(' (layers marked ? are unknown: see the diagnostics)');
    return lines.join('\n');
}

function outputCell(layer: LayerAnalysis): string {
    if (layer.outputs) return formatOutputs(layer.outputs);
    return layer.output ? formatShape(layer.output) : '?';
}

function paramCell(layer: LayerAnalysis, unbuilt: boolean): string {
    if (unbuilt) return '0 (unbuilt)';
    return layer.params ? formatCount(layer.params.trainable + layer.params.nonTrainable) : '?';
}

/**
 * Keras's `readable_memory_size`: bytes in B, KB, MB ... (steps of 1024) with two decimals, rounded
 * as Python's format rounds the exact value (a tie such as 1.125 goes to the even 1.12).
 */
export function memorySize(params: number): string {
    if (!Number.isSafeInteger(params)) return `${(params * BYTES_PER_PARAM / 1024 ** 3).toFixed(2)} GB`;
    const bytes = BigInt(params * BYTES_PER_PARAM);
    const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
    let scale = 1n;
    let unit = 0;
    while (unit < units.length - 1 && bytes / (scale * 1024n) >= 1n) {
        scale *= 1024n;
        unit++;
    }
    const hundredths = bytes * 100n;
    let whole = hundredths / scale;
    const rest = hundredths % scale;
    if (2n * rest > scale || (2n * rest === scale && whole % 2n === 1n)) whole++;
    return `${whole / 100n}.${String(whole % 100n).padStart(2, '0')} ${units[unit]}`;
}
