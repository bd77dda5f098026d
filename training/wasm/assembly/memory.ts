/** f32 arrays in linear memory: element i of the array at byte `p`. */

// @ts-ignore: decorator
@inline export function get(p: usize, i: i32): f32 { return load<f32>(p + ((<usize>i) << 2)); }

/** The byte address of element i. */
// @ts-ignore: decorator
@inline export function at(p: usize, i: i32): usize { return p + ((<usize>i) << 2); }

/** Where the caller's arrays may start: above the module's own data. */
export function heapBase(): usize {
    return (__heap_base + 15) & ~15;
}

/** Elements i..i+3 of the array at byte `p` as one vector. */
// @ts-ignore: decorator
@inline export function vec(p: usize, i: i32): v128 { return v128.load(p + ((<usize>i) << 2)); }
