/**
 * Whether the kernel rewrites of plain-matmul.ts and heap-slice.ts run, or tfjs-wasm's own
 * kernels do: the training benchmark measures its stock baseline with tfjs's own (the missing
 * kernels and the Conv1D filter gradient stay: without them wasm cannot train these models).
 */
let stock = false;

export function useStockKernels(on: boolean): void {
    stock = on;
}

export function stockKernels(): boolean {
    return stock;
}
