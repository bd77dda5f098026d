/**
 * Blocks of the recurrent kernels' WebAssembly memory, in f32 elements: first fit over a list
 * of free blocks, which merge with their neighbours, and the memory grows when none fits. A
 * forward pass keeps its block (its inputs and records) until its backward pass is done, so
 * that the records never leave wasm; every call's scratch is a block for the call only. A
 * training batch asks for the same sizes each time, so the same blocks come back.
 */

/** Values a product may read past the end of the last array (gemm's last column block, products.ts). */
const READ_PAST = 16;

export class KernelMemory {
    /** Free blocks [start, size], sorted by start, none adjacent to another. */
    private readonly free: Array<[number, number]> = [];
    private readonly sizes = new Map<number, number>();
    /** The end of the highest block handed out. */
    private top: number;

    /** `base`: the first f32 index the module leaves to its caller. */
    /** `grown`: told after the memory grew (its buffer is a new one; an own memory's bytes may have moved). */
    constructor(private readonly memory: WebAssembly.Memory, base: number, private readonly grown: () => void = () => {}) {
        this.top = Math.ceil(base / 4) * 4;
    }

    /** A block of `size` values (16-byte aligned); its start index. */
    allocate(size: number): number {
        const rounded = Math.max(4, Math.ceil(size / 4) * 4);
        const fit = this.free.findIndex(([, s]) => s >= rounded);
        let start: number;
        if (fit >= 0) {
            const [at, s] = this.free[fit];
            start = at;
            if (s === rounded) this.free.splice(fit, 1);
            else this.free[fit] = [at + rounded, s - rounded];
        } else {
            start = this.top;
            this.top += rounded;
            this.ensure(this.top + READ_PAST);
        }
        this.sizes.set(start, rounded);
        return start;
    }

    release(start: number): void {
        const size = this.sizes.get(start);
        if (size === undefined) throw new Error(`kernel memory: no block at ${start}`);
        this.sizes.delete(start);
        let at = this.free.findIndex(([s]) => s > start);
        if (at < 0) at = this.free.length;
        this.free.splice(at, 0, [start, size]);
        // Merge with the next block, then with the previous one.
        const next = this.free[at + 1];
        if (next && start + size === next[0]) {
            this.free[at] = [start, size + next[1]];
            this.free.splice(at + 1, 1);
        }
        const previous = this.free[at - 1];
        if (previous && previous[0] + previous[1] === start) {
            this.free[at - 1] = [previous[0], previous[1] + this.free[at][1]];
            this.free.splice(at, 1);
        }
        // A free block at the top gives its room back to the top.
        const last = this.free.at(-1);
        if (last && last[0] + last[1] === this.top) {
            this.top = last[0];
            this.free.pop();
        }
    }

    /** Values handed out and not released (the tests check that nothing stays behind). */
    get inUse(): number {
        let total = 0;
        for (const size of this.sizes.values()) total += size;
        return total;
    }

    /** The memory as f32 (a new view after the memory grew). */
    view(): Float32Array {
        return new Float32Array(this.memory.buffer);
    }

    private ensure(values: number): void {
        const needed = values * 4;
        const have = this.memory.buffer.byteLength;
        if (needed > have) {
            this.memory.grow(Math.ceil((needed - have) / 65536));
            this.grown();
        }
    }
}

/** Consecutive arrays of one block, in f32 elements from the block's start, each 16-byte aligned. */
export class Layout {
    private cursor = 0;
    take(floats: number): number {
        const start = this.cursor;
        this.cursor += Math.ceil(floats / 4) * 4;
        return start;
    }
    get size(): number {
        return this.cursor;
    }
}
