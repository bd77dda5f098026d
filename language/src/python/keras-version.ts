/**
 * The Keras version Python code is written for: Keras 3 unless the code says Keras 2, by
 * importing tf_keras or by setting `TF_USE_LEGACY_KERAS` before it imports Keras or TensorFlow
 * (what makes `tf.keras` Keras 2 from TensorFlow 2.16 on).
 */
import type { PyStatement } from '../keras/python-ast.js';
import type { KerasVersion } from '../model/keras-version.js';
import type { SourceRange } from '../model/source.js';

const LEGACY_SETTING = /\bTF_USE_LEGACY_KERAS["']\s*(\]\s*=|,)\s*["'](1|true|True|TRUE)["']/;

export interface KerasVersionFound {
    readonly version: KerasVersion;
    /** The statement that says so. */
    readonly range: SourceRange;
}

export class KerasVersionReader {
    found?: KerasVersionFound;
    private imported = false;

    statement(statement: PyStatement, range: SourceRange): void {
        if (this.found) return;
        if (statement.type === 'import') {
            if (statement.bindings.some(b => b.path === 'tf_keras' || b.path.startsWith('tf_keras.'))) this.found = { version: 2, range };
            if (statement.bindings.some(b => /^(keras|tensorflow)(\.|$)/.test(b.path))) this.imported = true;
            return;
        }
        if (!this.imported && (statement.type === 'assign' || statement.type === 'expression') && LEGACY_SETTING.test(statement.text)) {
            this.found = { version: 2, range };
        }
    }
}
