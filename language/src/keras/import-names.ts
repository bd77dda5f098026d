/**
 * Which Keras class a name in the code stands for. `LSTM`, `layers.LSTM`, `keras.layers.LSTM`,
 * `tf.keras.layers.LSTM` and `L.LSTM` (after `from tensorflow.keras import layers as L`) are
 * all Keras's LSTM; `MyLayer` imported from elsewhere, or defined in the code, is not Keras.
 */
import type { PyExpr, PyImportBinding } from './python-ast.js';
import { dottedPath } from './python-ast.js';

export interface KerasName {
    /** The class or function name: the last part of the path (`LSTM`). */
    readonly name: string;
    /** True when the path is Keras's, or a bare name with no other origin (notebooks often lose their imports). */
    readonly keras: boolean;
}

/** Keras's submodules, as code names them after `from keras import layers` or without an import. */
const KERAS_SUBMODULES = new Set(['keras', 'layers', 'models', 'optimizers', 'callbacks', 'losses', 'metrics', 'regularizers', 'initializers', 'constraints']);

export class KerasNames {
    /** Local names from imports → the dotted path they stand for. */
    private readonly imported = new Map<string, string>();
    /** Names the code defines itself (`class MyLayer(Layer)`, `def build()`): not Keras's. */
    private readonly defined = new Set<string>();

    addImports(bindings: readonly PyImportBinding[]): void {
        for (const { local, path } of bindings) {
            this.imported.set(local, path);
            this.defined.delete(local);
        }
    }

    addDefinitions(names: readonly string[]): void {
        for (const name of names) {
            this.defined.add(name);
            this.imported.delete(name);
        }
    }

    /** The Keras name of a callee (`keras.layers.LSTM` → LSTM), or undefined for what is not a plain dotted name. */
    resolve(callee: PyExpr): KerasName | undefined {
        const path = dottedPath(callee);
        if (path === undefined) return undefined;
        const [head, ...rest] = path.split('.');
        const full = [this.imported.get(head) ?? head, ...rest].join('.');
        const parts = full.split('.');
        const name = parts[parts.length - 1];
        const module = parts.slice(0, -1);
        if (module.length === 0) return { name, keras: !this.defined.has(name) && !this.imported.has(head) };
        const keras = module.includes('keras') || module.includes('tf_keras') || (!this.imported.has(head) && KERAS_SUBMODULES.has(module[0]));
        return { name, keras };
    }
}
