// The native products with AVX-512F and FMA: 8 rows × 32 columns a block, 16 accumulators of the
// 32 zmm registers. Compiled for these instructions by the pragma alone (not -mavx512f), so that the
// rest of the addon runs on any x86-64; addon.cc calls it only where the CPU has them.
#include "products.h"
#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
// GCC: the pragma; clang: the same target on every function up to the pop below.
#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx512f,fma"))), apply_to = function)
#else
#pragma GCC target("avx512f,fma")
#endif

namespace {
struct Avx512 {
    using V = __m512;
    using Mask = __mmask16;
    static constexpr int W = 16, MR = 8;
    static Mask mask(int count) { return static_cast<Mask>((1u << count) - 1u); }
    static V zero() { return _mm512_setzero_ps(); }
    static V load(const float* p) { return _mm512_loadu_ps(p); }
    static V maskLoad(const float* p, Mask m) { return _mm512_maskz_loadu_ps(m, p); }
    static V broadcast(const float* p) { return _mm512_set1_ps(*p); }
    static V fma(V x, V y, V acc) { return _mm512_fmadd_ps(x, y, acc); }
    static V add(V x, V y) { return _mm512_add_ps(x, y); }
    static void store(float* p, V v) { _mm512_storeu_ps(p, v); }
    static void maskStore(float* p, Mask m, V v) { _mm512_mask_storeu_ps(p, m, v); }
};
}  // namespace

#include "blocks.inc"

#if defined(__clang__)
#pragma clang attribute pop
#endif

void rnnlens::productAvx512(const Product& p) { product<Avx512>(p); }
#endif
