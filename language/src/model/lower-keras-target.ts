/** Lowering of `keras 2` / `keras 3`: the file's target Keras version, checked. */
import type { KerasTarget } from '../generated/ast.js';
import { rangeOf, propertyRange } from './ast-ranges.js';
import type { KerasDirective } from './description.js';
import { diagnostic, type RnnDiagnostic } from './diagnostic.js';
import { parseKerasVersion } from './keras-version.js';

/** The directive, or undefined when it is not a version RNN Lens knows (reported) or a second one (reported). */
export function lowerKerasTarget(statement: KerasTarget, earlier: KerasDirective | undefined, report: (d: RnnDiagnostic) => void): KerasDirective | undefined {
    const range = rangeOf(statement);
    if (statement.version === undefined) return undefined; // the parser has reported what is missing
    const valueRange = propertyRange(statement, 'version');
    const version = parseKerasVersion(statement.version);
    if (!version) {
        const fixes = ['3', '2'].map((v, i) => ({ title: `Target Keras ${v}`, edits: [{ range: valueRange, newText: v }], preferred: i === 0 }));
        report(diagnostic('invalid-argument',
            `"keras ${statement.version}": RNN Lens follows Keras 3 (keras, TensorFlow 2.16 and later) or Keras 2 (tf-keras, TensorFlow 2.15 and earlier). Write keras 3 or keras 2.`,
            valueRange, fixes));
        return undefined;
    }
    if (earlier) {
        report(diagnostic('statement-order',
            `The file already says keras ${earlier.version} on line ${earlier.range.start.line + 1}; one keras statement sets the version for the whole file. Remove this one.`,
            range, [{ title: 'Remove this keras statement', edits: [{ range, newText: '' }], preferred: true }]));
        return undefined;
    }
    return { version, range };
}
