// The native products with AVX2 and FMA: 6 rows × 16 columns a block, 12 accumulators of the 16
// ymm registers. Compiled for these instructions by the pragma alone; addon.cc calls it only where
// the CPU has them.
#include "products.h"
#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
// GCC: the pragma; clang: the same target on every function up to the pop below.
#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#else
#pragma GCC target("avx2,fma")
#endif

namespace {
struct Avx2 {
    using V = __m256;
    using Mask = __m256i;
    static constexpr int W = 8, MR = 6;
    static Mask mask(int count) { return _mm256_cmpgt_epi32(_mm256_set1_epi32(count), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7)); }
    static V zero() { return _mm256_setzero_ps(); }
    static V load(const float* p) { return _mm256_loadu_ps(p); }
    static V maskLoad(const float* p, Mask m) { return _mm256_maskload_ps(p, m); }
    static V broadcast(const float* p) { return _mm256_broadcast_ss(p); }
    static V fma(V x, V y, V acc) { return _mm256_fmadd_ps(x, y, acc); }
    static V add(V x, V y) { return _mm256_add_ps(x, y); }
    static void store(float* p, V v) { _mm256_storeu_ps(p, v); }
    static void maskStore(float* p, Mask m, V v) { _mm256_maskstore_ps(p, m, v); }
};
}  // namespace

#include "blocks.inc"

#if defined(__clang__)
#pragma clang attribute pop
#endif

void rnnlens::productAvx2(const Product& p) { product<Avx2>(p); }
#endif
