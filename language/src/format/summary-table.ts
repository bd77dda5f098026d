/**
 * The Keras `model.summary()` table of the model's target version: Keras 3's boxed table
 * (summary-table-keras3.ts), or Keras 2's, laid out here as TensorFlow 2's `print_summary` lays
 * out a Sequential model (line length 65, columns at 45% and 85%, long cells wrapped the same
 * way), so that it reads exactly like the course notebook's printouts.
 */
import { formatCount } from '../catalog/numbers.js';
import { formatShape } from '../catalog/shape.js';
import type { ModelAnalysis } from '../analysis/types.js';
import { formatKeras3Summary } from './summary-table-keras3.js';

export interface SummaryOptions {
    /** Keras's `line_length`: 65 by default for Keras 2, as in the notebook; 88 for Keras 3. */
    readonly lineLength?: number;
}

export function formatSummary(model: ModelAnalysis, options: SummaryOptions = {}): string {
    return model.keras === 2 ? formatKeras2Summary(model, options) : formatKeras3Summary(model, options.lineLength);
}

export function formatKeras2Summary(model: ModelAnalysis, options: SummaryOptions = {}): string {
    const lineLength = options.lineLength ?? 65;
    const positions = [0.45, 0.85, 1].map(p => Math.floor(lineLength * p));
    const lines: string[] = [];
    lines.push(`Model: "${model.name}"`);
    lines.push('_'.repeat(lineLength));
    lines.push(...row(['Layer (type)', 'Output Shape', 'Param #'], positions));
    lines.push('='.repeat(lineLength));
    model.layers.forEach((layer, i) => {
        const output = layer.output ? formatShape(layer.output) : '?';
        const params = layer.params ? rawCount(layer.params.trainable + layer.params.nonTrainable) : '?';
        lines.push(...row([`${layer.name} (${layer.kind})`, output, params], positions));
        if (i < model.layers.length - 1) lines.push(' '.repeat(lineLength));
    });
    lines.push('='.repeat(lineLength));
    const { total, trainable, nonTrainable } = model.totals;
    const unknown = model.complete ? '' : ' (layers marked ? are unknown: see the diagnostics)';
    lines.push(`Total params: ${formatCount(total)}${unknown}`);
    lines.push(`Trainable params: ${formatCount(trainable)}`);
    lines.push(`Non-trainable params: ${formatCount(nonTrainable)}`);
    lines.push('_'.repeat(lineLength));
    return lines.join('\n');
}

/** The Param # column prints the plain count (`3840`), as TensorFlow 2 does. */
function rawCount(n: number): string {
    return Number.isSafeInteger(n) ? String(n) : formatCount(n);
}

/** TensorFlow 2's `print_row`: each cell cut to its column (two spaces apart), the rest wrapped to the next line. */
function row(fields: readonly string[], positions: readonly number[]): string[] {
    const left = [...fields];
    const lines: string[] = [];
    while (left.some(cell => cell.length > 0)) {
        let line = '';
        left.forEach((cell, col) => {
            const start = col > 0 ? positions[col - 1] : 0;
            const end = positions[col];
            const space = col !== positions.length - 1 ? 2 : 0;
            let cutoff = end - start - space;
            let fit = cell.slice(0, cutoff);
            // Keras breaks a long tuple after "),", "}," ... where it can.
            const breaks = ['),', '},', '],', "',"].map(b => (fit.indexOf(b) >= 0 ? fit.indexOf(b) + b.length : -1)).filter(i => i >= 0);
            if (breaks.length > 0) {
                cutoff = Math.min(...breaks);
                fit = fit.slice(0, cutoff);
            }
            if (col === 0) line += ' ';
            line += fit + ' '.repeat(space);
            left[col] = cell.slice(cutoff);
            line += ' '.repeat(Math.max(0, end - line.length));
        });
        lines.push(line);
    }
    return lines;
}
