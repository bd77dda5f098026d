/**
 * The layer and statement reference of docs/language.md, written from the catalog: one section a
 * layer kind with its summary, input rank and every argument (Keras name, type, default, meaning).
 * reference-docs.test.ts holds the document to it; `UPDATE_DOCS=1 npx vitest run
 * test/docs/reference-docs.test.ts` rewrites the part between the markers after a catalog change.
 */
import { LAYER_KINDS, signatureOf } from '../../language/src/catalog/index.js';
import type { ArgSpec } from '../../language/src/catalog/arg-spec.js';
import type { LayerKind } from '../../language/src/catalog/layer-kind.js';
import { STATEMENT_KINDS } from '../../language/src/catalog/statements.js';
import { describeType } from '../../language/src/model/check-value.js';
import { formatValue } from '../../language/src/model/values.js';

export const START = '<!-- reference: generated from the catalog, do not edit by hand -->';
export const END = '<!-- end of the generated reference -->';

function argumentTable(args: readonly ArgSpec[]): string {
    const rows = args.map(a => `| \`${a.name}\` | ${cell(describeType(a.type))} | ${a.required ? 'required' : `\`${cell(formatValue(a.default))}\``} | ${cell(a.doc)} |`);
    return ['| argument | type | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

function cell(text: string): string {
    return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function rank({ min, max }: LayerKind['inputRank']): string {
    if (max === min) return `${min}D (batch included)`;
    return max === undefined ? `${min}D or more (batch included)` : `${min}D to ${max}D (batch included)`;
}

function layerSection(kind: LayerKind): string {
    const parts = [`### ${kind.name}`, `${kind.summary} Keras names it \`${kind.kerasName}\`, \`${kind.kerasName}_1\`, ...; input ${rank(kind.inputRank)}.`];
    parts.push(argumentTable(signatureOf(kind)));
    return parts.join('\n\n');
}

export function generatedReference(): string {
    const layers = LAYER_KINDS.map(layerSection);
    const statements = STATEMENT_KINDS.map(s => [`### ${s.name}(...)`, s.summary, argumentTable(s.args)].join('\n\n'));
    return [START, '## Layers', ...layers, '## Training statements', ...statements, END].join('\n\n');
}
