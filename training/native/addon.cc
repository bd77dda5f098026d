// RNN Lens's native matrix products for Node (docs/training-native.md): the wasm module's gemm and
// gemmTransposedA (training/wasm/assembly/products.ts) call `bind(memory)`'s function through an
// import when their shape is large enough, on the module's own memory. Context-aware (NAPI_MODULE_INIT):
// each worker thread loads it and binds its own instance's memory.
#include <node_api.h>
#include <cstdint>
#include <cstring>
#include "products.h"

namespace {

struct Kernel {
    const char* name;
    rnnlens::ProductKernel run;
};

/** The instruction sets this CPU (and its OS) runs, best first; empty off x86-64. */
int supportedKernels(Kernel* out) {
    int count = 0;
#if defined(__x86_64__) || defined(_M_X64)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma")) out[count++] = {"avx512", rnnlens::productAvx512};
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) out[count++] = {"avx2", rnnlens::productAvx2};
#endif
    (void)out;
    return count;
}

/** A product function's state: the wasm memory it reads (and where its bytes are now), its kernel. */
struct Bound {
    napi_ref memory;
    uint8_t* base;
    size_t bytes;
    rnnlens::ProductKernel run;
};

napi_value fail(napi_env env, const char* message) {
    napi_throw_error(env, "RNN_LENS_NATIVE", message);
    return nullptr;
}

/**
 * Where the memory's bytes lie now: through a Uint8Array over memory.buffer (Node 20's N-API reads
 * a SharedArrayBuffer's bytes only through a typed array). A shared memory never moves but grows
 * (a worker learns of it here, on a product past the old end); an own memory moves when it grows
 * (kernel-module.ts calls the function with no arguments then).
 */
bool refresh(napi_env env, Bound* s) {
    napi_value memory, buffer, global, constructor, view;
    void* data = nullptr;
    size_t length = 0;
    if (napi_get_reference_value(env, s->memory, &memory) != napi_ok
        || napi_get_named_property(env, memory, "buffer", &buffer) != napi_ok
        || napi_get_global(env, &global) != napi_ok
        || napi_get_named_property(env, global, "Uint8Array", &constructor) != napi_ok
        || napi_new_instance(env, constructor, 1, &buffer, &view) != napi_ok
        || napi_get_typedarray_info(env, view, nullptr, &length, &data, nullptr, nullptr) != napi_ok) return false;
    s->base = static_cast<uint8_t*>(data);
    s->bytes = length;
    return true;
}

/** Whether `elements` f32 values from byte `offset` lie in the memory (4-byte aligned). */
bool inside(const Bound* s, int64_t offset, int64_t elements) {
    return offset >= 0 && offset % 4 == 0 && offset + elements * 4 <= static_cast<int64_t>(s->bytes);
}

/**
 * product(m, n, k, a, lda, b, ldb, c, ldc, flags): gemm (flags bit 0: accumulate) or, bit 1,
 * gemmTransposedA; pointers are byte offsets into the memory, strides in elements. No arguments:
 * find the memory's bytes again. A product reaching outside the memory throws (never reads it).
 */
napi_value product(napi_env env, napi_callback_info info) {
    size_t argc = 10;
    napi_value argv[10];
    void* data = nullptr;
    if (napi_get_cb_info(env, info, &argc, argv, nullptr, &data) != napi_ok) return nullptr;
    Bound* s = static_cast<Bound*>(data);
    if (argc == 0) return refresh(env, s) ? nullptr : fail(env, "cannot read the kernel memory's buffer");
    if (argc != 10) return fail(env, "a native product takes 10 arguments");
    int32_t v[10];
    for (int i = 0; i < 10; i++) {
        if (napi_get_value_int32(env, argv[i], &v[i]) != napi_ok) return fail(env, "a native product's arguments are whole numbers");
    }
    const int32_t m = v[0], n = v[1], k = v[2], lda = v[4], ldb = v[6], ldc = v[8], flags = v[9];
    if (m <= 0 || n <= 0) return nullptr;
    if (k < 0 || lda < 0 || ldb < 0 || ldc < 0) return fail(env, "a native product's sizes and strides are not negative");
    const bool transposed = (flags & 2) != 0;
    const int64_t rowStep = transposed ? 1 : lda, pStep = transposed ? lda : 1;
    const int64_t aLast = k == 0 ? 0 : (m - 1) * rowStep + (k - 1) * pStep + 1;
    const int64_t bLast = k == 0 ? 0 : static_cast<int64_t>(k - 1) * ldb + n;
    const int64_t cLast = static_cast<int64_t>(m - 1) * ldc + n;
    auto fits = [&] { return inside(s, v[3], aLast) && inside(s, v[5], bLast) && inside(s, v[7], cLast); };
    if (!fits() && !(refresh(env, s) && fits())) return fail(env, "a native product reaches outside the kernel memory");
    s->run({m, n, k, reinterpret_cast<const float*>(s->base + v[3]), rowStep, pStep,
            reinterpret_cast<const float*>(s->base + v[5]), ldb, reinterpret_cast<float*>(s->base + v[7]), ldc, (flags & 1) != 0});
    return nullptr;
}

void release(napi_env env, void* data, void*) {
    Bound* s = static_cast<Bound*>(data);
    napi_delete_reference(env, s->memory);
    delete s;
}

/** bind(memory, kernel): the product function on a WebAssembly.Memory with the kernel named ("avx512", "avx2"). */
napi_value bind(napi_env env, napi_callback_info info) {
    size_t argc = 2;
    napi_value argv[2];
    if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok) return nullptr;
    if (argc != 2) return fail(env, "bind(memory, kernel)");
    char name[16] = {0};
    size_t length = 0;
    if (napi_get_value_string_utf8(env, argv[1], name, sizeof name, &length) != napi_ok) return fail(env, "bind's kernel is a name");
    Kernel kernels[2];
    const int count = supportedKernels(kernels);
    rnnlens::ProductKernel run = nullptr;
    for (int i = 0; i < count; i++) {
        if (std::strcmp(kernels[i].name, name) == 0) run = kernels[i].run;
    }
    if (!run) return fail(env, "this CPU does not run that kernel");
    Bound* s = new Bound{nullptr, nullptr, 0, run};
    napi_value fn;
    if (napi_create_reference(env, argv[0], 1, &s->memory) != napi_ok
        || napi_create_function(env, "nativeProduct", NAPI_AUTO_LENGTH, product, s, &fn) != napi_ok
        || napi_add_finalizer(env, fn, s, release, nullptr, nullptr) != napi_ok) {
        if (s->memory) napi_delete_reference(env, s->memory);
        delete s;
        return fail(env, "cannot bind the native products");
    }
    if (!refresh(env, s)) return fail(env, "cannot read the kernel memory's buffer");
    return fn;
}

}  // namespace

/** exports.kernels: the instruction sets this CPU runs, best first; exports.bind. */
NAPI_MODULE_INIT() {
    Kernel kernels[2];
    const int count = supportedKernels(kernels);
    napi_value list, fn;
    napi_create_array_with_length(env, count, &list);
    for (int i = 0; i < count; i++) {
        napi_value name;
        napi_create_string_utf8(env, kernels[i].name, NAPI_AUTO_LENGTH, &name);
        napi_set_element(env, list, i, name);
    }
    napi_set_named_property(env, exports, "kernels", list);
    napi_create_function(env, "bind", NAPI_AUTO_LENGTH, bind, nullptr, &fn);
    napi_set_named_property(env, exports, "bind", fn);
    return exports;
}
