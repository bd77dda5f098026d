/**
 * LoRA (Keras 3's `lora_rank` on Dense, Conv1D and Embedding): the layer's main weight matrix
 * (rows × cols) is frozen and two small matrices rows × r and r × cols are trained instead, so
 * the matrix counts as non-trainable and r · (rows + cols) trainable parameters are added.
 */
import type { Value } from '../model/values.js';
import { FLOAT, INT, arg, optional, type ArgSpec } from './arg-spec.js';
import { formatCount } from './numbers.js';
import { NotTrainable, type TfjsBuildContext } from './tfjs-build.js';

/** `lora_rank` and `lora_alpha`; `weight` names the frozen matrix (`kernel`, `table`). */
export function loraArgs(weight: string): ArgSpec[] {
    return [
        arg('lora_rank', optional(INT(0)), null,
            `The rank r of a LoRA adapter (Keras 3): the ${weight} is frozen and two small matrices of rank r are trained instead. None or 0: no LoRA.`),
        arg('lora_alpha', optional(FLOAT), null, 'Scales the LoRA update by lora_alpha / lora_rank (Keras 3; None means lora_rank, a scale of 1). No effect without lora_rank.')
    ];
}

/** The LoRA rank, or null without LoRA (Keras enables it only for a rank that is not None or 0). */
export function loraRankOf(args: Readonly<Record<string, Value>>): number | null {
    return typeof args.lora_rank === 'number' && args.lora_rank > 0 ? args.lora_rank : null;
}

/** The two adapter matrices rows × r and r × cols. */
export function loraCount(rows: number, cols: number, rank: number): number {
    return rank * (rows + cols);
}

export function loraNote(rank: number, weight: string, frozen: number, trained: number): string {
    return `lora_rank=${rank}: the ${formatCount(frozen)} ${weight} weights are frozen (non-trainable); LoRA trains ${formatCount(trained)} weights in two small matrices instead.`;
}

/** tfjs has no LoRA layers: said before training, on the argument. */
export function rejectLora(context: TfjsBuildContext, layer: string): void {
    const rank = loraRankOf(context.args);
    if (rank !== null) throw new NotTrainable(`lora_rank=${rank}: tfjs has no LoRA ${layer}; remove lora_rank to train in RNN Lens.`, 'lora_rank');
}
