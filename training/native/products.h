// The matrix products of training/wasm/assembly/products.ts (gemm, gemmTransposedA) in native
// code: C (+)= A · B with A's element (i, p) at a[i·rowStep + p·pStep] (gemm: rowStep = lda,
// pStep = 1; Aᵀ: rowStep = 1, pStep = lda), B [k, n] (ldb), C [m, n] (ldc), all f32, strides in
// elements. Each C element is one sum over p in order, as in wasm, but with fused multiply-adds:
// one rounding a term instead of two, well inside the engine's tests' tolerances.
#pragma once
#include <cstddef>

namespace rnnlens {

struct Product {
    int m, n, k;
    const float* a;
    std::ptrdiff_t rowStep, pStep;
    const float* b;
    std::ptrdiff_t ldb;
    float* c;
    std::ptrdiff_t ldc;
    bool accumulate;
};

using ProductKernel = void (*)(const Product&);

#if defined(__x86_64__) || defined(_M_X64)
void productAvx512(const Product& p);
void productAvx2(const Product& p);
#endif

}  // namespace rnnlens
