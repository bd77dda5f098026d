/** Keras's layer names: the kind's base name, numbered from the second one on (`lstm`, `lstm_1`). */
import type { LayerDescription } from '../model/description.js';
import { findLayerKind } from '../catalog/index.js';

export class LayerNamer {
    private readonly counts = new Map<string, number>();

    /**
     * The name of a layer. A wrapped layer is created before its wrapper in Keras, so it takes
     * its number first (`Bidirectional(LSTM(...))` uses up `lstm`), as Keras's summary shows; so
     * does a `backward_layer`, after it.
     */
    nameOf(layer: LayerDescription): string {
        if (layer.inner) this.nameOf(layer.inner);
        if (layer.second) this.nameOf(layer.second);
        // A named layer does not use up a number (Keras only counts auto-named layers).
        const given = layer.args.name;
        if (typeof given === 'string') return given;
        const base = findLayerKind(layer.kind)?.kerasName ?? layer.kind.toLowerCase();
        const count = this.counts.get(base) ?? 0;
        this.counts.set(base, count + 1);
        return count === 0 ? base : `${base}_${count}`;
    }
}
