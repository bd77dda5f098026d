/**
 * Native matrix products (training/native/, a Node addon; docs/training-native.md): where Node
 * has loaded the addon (backend/native-addon.ts), the kernels module's gemm and gemmTransposedA
 * send products of at least NATIVE_MIN_WORK multiply-adds to it through the module's import
 * env.nativeProduct; elsewhere (the panel, no compiler, RNN_LENS_NATIVE=off) they stay in wasm.
 * This file knows no Node API: the addon is handed to it.
 */

/** The addon's function bound to one memory: 10 arguments, a product; none, find the memory's bytes again. */
export type NativeProduct = (...args: number[]) => void;

/** training/native/addon.cc's exports. */
export interface NativeAddon {
    /** The instruction sets this CPU runs, best first ("avx512", "avx2"). */
    readonly kernels: readonly string[];
    bind(memory: WebAssembly.Memory, kernel: string): NativeProduct;
}

/** A loaded addon, and what a worker thread needs to load it again. */
export interface NativeSource {
    readonly addon: NativeAddon;
    readonly path: string;
    readonly kernel: string;
}

/** What a kernel thread is told (thread-source.ts): the addon's file, its kernel, the threshold. */
export interface NativeThreadData {
    readonly path: string;
    readonly kernel: string;
    readonly from: number;
}

/**
 * Products of at least this many multiply-adds (m·n·k) go native. A call from wasm through
 * JavaScript into the addon costs about 0.1 µs (a 1×1×1 product: 0.1 µs native, 0.04 µs in
 * wasm); measured on this machine (docs/training-native.md), [4, 16] · [16, 4] (256) is still
 * faster in wasm, [8, 8] · [8, 8] (512) already native, and SingleSimpleRNN's
 * [32, 30] · [30, 30] takes 0.38 µs native against 1.2 µs in wasm.
 */
export const NATIVE_MIN_WORK = 512;

const KERNEL_NAMES: Record<string, string> = { avx512: 'AVX-512', avx2: 'AVX2' };

interface Products {
    readonly source: NativeSource | null;
    /** Products of at least this many multiply-adds go native. */
    readonly from: number;
    /** Which products run, in words (the CLI's Engine line). */
    readonly text: string;
    readonly reason: string;
}

let products: Products = { source: null, from: 0, text: 'wasm SIMD', reason: 'no native addon in this realm' };
/** The module instances of this realm (one, but for the tests'). */
const slots = new Set<NativeSlot>();

/**
 * Uses `native` for the products from now on (null: wasm, `reason` saying why), from `from`
 * multiply-adds (the tests send every product to it with 1).
 */
export function provideNativeProducts(native: NativeSource | null, reason: string, from = NATIVE_MIN_WORK): void {
    products = native ? { source: native, from, text: `native ${KERNEL_NAMES[native.kernel] ?? native.kernel}`, reason }
        : { source: null, from: 0, text: 'wasm SIMD', reason };
    for (const slot of slots) slot.update();
}

/** Which products run now: "native AVX-512", "native AVX2" or "wasm SIMD", and why. */
export function productsInUse(): { readonly text: string; readonly reason: string } {
    return { text: products.text, reason: products.reason };
}

/** Whether the products above NATIVE_MIN_WORK run native now (else all in wasm SIMD). */
export function nativeProductsInUse(): boolean {
    return products.source !== null;
}

/** What kernel threads started now are told (null: wasm products). */
export function nativeThreadData(): NativeThreadData | null {
    const { source, from } = products;
    return source ? { path: source.path, kernel: source.kernel, from } : null;
}

/**
 * The module instance's side of the products in this realm (kernel-module.ts): its import
 * env.nativeProduct calls through this slot, so that the products can change after
 * instantiation (the tests compare both in one process). A call through one JavaScript function
 * more costs a few ns of the ~0.1 µs a native product's call takes.
 */
export class NativeSlot {
    private product: NativeProduct | null = null;
    private exports: { useNativeProducts(from: number): void } | null = null;

    constructor(private readonly memory: () => WebAssembly.Memory) {}

    readonly nativeProduct = (m: number, n: number, k: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, flags: number): void => {
        if (!this.product) throw new Error('a native product was called without the native addon');
        this.product(m, n, k, a, lda, b, ldb, c, ldc, flags);
    };

    /** Once the instance exists: this realm's products follow provideNativeProducts from now on. */
    attach(exports: { useNativeProducts(from: number): void }): void {
        this.exports = exports;
        slots.add(this);
        this.update();
    }

    update(): void {
        const { source, from } = products;
        this.product = source ? source.addon.bind(this.memory(), source.kernel) : null;
        this.exports?.useNativeProducts(this.product ? from : 0);
    }

    /** After the memory grew: an own memory's bytes may have moved. */
    refresh(): void {
        this.product?.();
    }
}
