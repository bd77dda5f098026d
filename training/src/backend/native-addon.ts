/**
 * Loads the native products' addon in Node (training/native/, built by scripts/build-native.mjs
 * into out/rnn-lens-native.node) and hands it to the kernels module (layers/native-products.ts).
 * RNN_LENS_NATIVE: "off" keeps the products in wasm; "avx2" or "avx512" asks for that instruction
 * set; anything else (or unset) the best this CPU runs.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { NATIVE_MIN_WORK, type NativeAddon, productsInUse, provideNativeProducts } from '../layers/native-products.js';

export const NATIVE_FILE = 'rnn-lens-native.node';

/**
 * Where the addon may lie: beside the CLI's bundle (out/cli.cjs), or in the checkout's out/ seen
 * from the sources (the tests: training/src/backend/) or from bench:train's bundle
 * (node_modules/.cache/rnn-lens-bench/).
 */
function candidates(): string[] {
    return [`./${NATIVE_FILE}`, `../../../out/${NATIVE_FILE}`].map(relative => fileURLToPath(new URL(relative, import.meta.url)));
}

/**
 * Loads the addon (a later call with another setting decides again) and says which products run,
 * in words: "native AVX-512", "native AVX2" or "wasm SIMD", and why. `places` and `from` (products
 * of at least that many multiply-adds go native) are the tests'.
 */
export function useNativeProducts(setting: string | undefined = process.env.RNN_LENS_NATIVE, places = candidates(),
    from = NATIVE_MIN_WORK): { readonly text: string; readonly reason: string } {
    const asked = setting?.trim().toLowerCase() ?? '';
    if (asked === 'off') {
        provideNativeProducts(null, 'RNN_LENS_NATIVE=off');
        return productsInUse();
    }
    const path = places.find(p => existsSync(p));
    if (!path) {
        provideNativeProducts(null, 'the native addon is not built here (npm run build builds it where a C++ compiler is)');
        return productsInUse();
    }
    let addon: NativeAddon;
    try {
        addon = createRequire(import.meta.url)(path) as NativeAddon;
    } catch (error) {
        provideNativeProducts(null, `the native addon did not load (${(error as Error).message.split('\n')[0]})`);
        return productsInUse();
    }
    const kernel = addon.kernels.includes(asked) ? asked : addon.kernels[0];
    if (!kernel) provideNativeProducts(null, 'this CPU has neither AVX2 with FMA nor AVX-512');
    else if (asked && asked !== 'on' && asked !== kernel) provideNativeProducts({ addon, path, kernel }, `RNN_LENS_NATIVE=${asked} is not one of this CPU's (${addon.kernels.join(', ')})`, from);
    else provideNativeProducts({ addon, path, kernel }, kernel === asked ? `RNN_LENS_NATIVE=${asked}` : 'the best this CPU runs', from);
    return productsInUse();
}
