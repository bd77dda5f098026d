/**
 * The parts of the `rich` library's table rendering that Keras 3's `model.summary()` uses
 * (rich.table.Table with fixed column widths, `show_lines=True`, the HEAVY_HEAD box), so that
 * RNN Lens prints the same bytes: column widths reduced as rich reduces them, cells word-wrapped
 * as rich wraps them (a word longer than its column is cut with "…"), left or right justified.
 */

export type Justify = 'left' | 'right';

/**
 * rich's widths for columns of fixed `widths` in a table `tableWidth` wide: each column gets one
 * space of padding either side, and the excess over the table's inner width is taken from the
 * columns in turn (rich's `ratio_reduce` with equal ratios, Python's rounding). Content widths.
 */
export function columnWidths(widths: readonly number[], tableWidth: number): number[] {
    const padded = widths.map(w => w + 2);
    const inner = tableWidth - (widths.length + 1);
    let excess = padded.reduce((a, b) => a + b, 0) - inner;
    if (excess <= 0) return widths.slice();
    let ratioLeft = padded.length;
    return padded.map(w => {
        const taken = Math.min(w, pythonRound(excess / ratioLeft));
        excess -= taken;
        ratioLeft -= 1;
        return w - taken - 2;
    });
}

/** Python 3's round(): halves go to the even neighbour. */
export function pythonRound(x: number): number {
    const floor = Math.floor(x);
    const rest = x - floor;
    if (rest !== 0.5) return Math.round(x);
    return floor % 2 === 0 ? floor : floor + 1;
}

/** A cell's lines as rich lays them out `width` wide, padded to the width. */
export function wrapCell(text: string, width: number, justify: Justify): string[] {
    return divide(text, breakOffsets(text, width)).map(line => fit(line, width, justify));
}

/** rich's `divide_line` without folding: break before a word that does not fit on the line. */
function breakOffsets(text: string, width: number): number[] {
    const breaks: number[] = [];
    let offset = 0;
    for (const match of text.matchAll(/\s*\S+\s*/g)) {
        const start = match.index ?? 0;
        const word = match[0];
        const length = word.trimEnd().length;
        if (width - offset >= length) {
            offset += word.length;
        } else if (length > width || offset > 0) {
            if (start > 0) breaks.push(start);
            offset = word.length;
        }
    }
    return breaks;
}

function divide(text: string, offsets: readonly number[]): string[] {
    const lines: string[] = [];
    let start = 0;
    for (const offset of offsets) {
        lines.push(text.slice(start, offset));
        start = offset;
    }
    lines.push(text.slice(start));
    return lines;
}

/** rich's `rstrip_end`, the justification (`rstrip` first when right), `truncate` with "…", and the padding. */
function fit(line: string, width: number, justify: Justify): string {
    let text = line;
    if (text.length > width) {
        const trailing = text.length - text.trimEnd().length;
        text = text.slice(0, text.length - Math.min(trailing, text.length - width));
    }
    if (justify === 'right') text = text.trimEnd();
    if (text.length > width) text = `${text.slice(0, width - 1)}…`;
    return justify === 'right' ? text.padStart(width) : text.padEnd(width);
}

const HEAVY_HEAD = {
    top: ['┏', '━', '┳', '┓'],
    header: ['┃', '┃', '┃'],
    headRule: ['┡', '━', '╇', '┩'],
    row: ['│', '│', '│'],
    rowRule: ['├', '─', '┼', '┤'],
    bottom: ['└', '─', '┴', '┘']
} as const;

function rule([left, fill, cross, right]: readonly string[], widths: readonly number[]): string {
    return left + widths.map(w => fill.repeat(w + 2)).join(cross) + right;
}

function rows(cells: readonly string[], widths: readonly number[], justify: readonly Justify[], [left, middle, right]: readonly string[]): string[] {
    const wrapped = cells.map((cell, i) => wrapCell(cell, widths[i], justify[i]));
    const height = Math.max(...wrapped.map(lines => lines.length));
    return Array.from({ length: height }, (_, line) =>
        left + wrapped.map((lines, i) => ` ${lines[line] ?? ' '.repeat(widths[i])} `).join(middle) + right);
}

/** A rich table with a heavy header and a line between rows, as Keras 3's summary prints it. */
export function richTable(header: readonly string[], body: readonly (readonly string[])[], widths: readonly number[], justify: readonly Justify[]): string[] {
    const lines = [rule(HEAVY_HEAD.top, widths), ...rows(header, widths, justify, HEAVY_HEAD.header), rule(HEAVY_HEAD.headRule, widths)];
    body.forEach((cells, i) => {
        if (i > 0) lines.push(rule(HEAVY_HEAD.rowRule, widths));
        lines.push(...rows(cells, widths, justify, HEAVY_HEAD.row));
    });
    lines.push(rule(HEAVY_HEAD.bottom, widths));
    return lines;
}
