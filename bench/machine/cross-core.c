// What sharing a training step between two cores costs on this machine, apart from RNN Lens:
// plain C threads, no wasm, no V8 (bench/machine.bench.mjs compiles and runs it;
// docs/training-threads-measured.md reads the figures).
//
//   jitter   two threads each compute a fixed 0.1 ms of arithmetic a round and meet at a spin
//            barrier, sharing no data: the rounds the system slows (over twice the median) and
//            the time they lose, against one thread doing the same rounds alone;
//   exchange a buffer written by one core and read by the other, as a data-parallel step's
//            gradients and weights are every batch: the reader's read, then the writer's
//            rewrite of the lines the reader now holds, against a rewrite nobody read between.
//
// Usage: cross-core jitter ROUNDS | cross-core exchange KILOBYTES REPEATS
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int by_value(const void* a, const void* b) {
    const double x = *(const double*)a, y = *(const double*)b;
    return x < y ? -1 : x > y;
}

static double median(double* v, int n) {
    qsort(v, n, sizeof *v, by_value);
    return v[n / 2];
}

// ---- jitter ----
static atomic_int go, done;
static int rounds;
static volatile float sink;

/** About 0.1 ms of dependent float arithmetic, touching no memory. */
static void round_of_work(void) {
    float a = 1, b = 1.0001f, c = 0.5f, d = 0.7f;
    for (int i = 0; i < 60000; i++) { a = a * b + c; c = c * b + d; d = d * b + a * 1e-9f; }
    sink = a + c + d;
}

static void* jitter_worker(void* unused) {
    (void)unused;
    for (int r = 1; r <= rounds; r++) {
        while (atomic_load(&go) < r) {}
        round_of_work();
        atomic_fetch_add(&done, 1);
    }
    return NULL;
}

static void jitter(int threads) {
    double* t = malloc(sizeof(double) * rounds);
    pthread_t worker;
    atomic_store(&go, 0);
    atomic_store(&done, 0);
    if (threads == 2) pthread_create(&worker, NULL, jitter_worker, NULL);
    for (int r = 1; r <= rounds; r++) {
        const double start = now_us();
        atomic_store(&go, r);
        round_of_work();
        if (threads == 2) while (atomic_load(&done) < r) {}
        t[r - 1] = now_us() - start;
    }
    if (threads == 2) pthread_join(worker, NULL);
    double total = 0;
    for (int r = 0; r < rounds; r++) total += t[r];
    const double mid = median(t, rounds);
    int slow = 0;
    double lost = 0;
    for (int r = 0; r < rounds; r++) if (t[r] > 2 * mid) { slow++; lost += t[r] - mid; }
    printf("jitter threads=%d rounds=%d median_us=%.1f slow_rounds=%d lost_pct=%.1f\n", threads, rounds, mid, slow, 100 * lost / total);
    free(t);
}

// ---- exchange ----
static float* buffer;
static int floats, repeats;
static atomic_int step;
static double* rewrites;

/** The writer: on each odd step, writes every value (timed), then hands over. */
static void* writer(void* unused) {
    (void)unused;
    for (int i = 0; i < repeats; i++) {
        while (atomic_load(&step) != 2 * i + 1) {}
        const double start = now_us();
        for (int j = 0; j < floats; j++) buffer[j] = (float)(i + j);
        rewrites[i] = now_us() - start;
        atomic_store(&step, 2 * i + 2);
    }
    return NULL;
}

static void exchange(int kilobytes, int readerReads) {
    floats = kilobytes * 256;
    buffer = aligned_alloc(64, (size_t)floats * 4);
    memset(buffer, 0, (size_t)floats * 4);
    rewrites = malloc(sizeof(double) * repeats);
    double* reads = malloc(sizeof(double) * repeats);
    atomic_store(&step, 0);
    pthread_t w;
    pthread_create(&w, NULL, writer, NULL);
    for (int i = 0; i < repeats; i++) {
        atomic_store(&step, 2 * i + 1);
        while (atomic_load(&step) != 2 * i + 2) {}
        const double start = now_us();
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        if (readerReads) for (int j = 0; j < floats; j += 4) { s0 += buffer[j]; s1 += buffer[j + 1]; s2 += buffer[j + 2]; s3 += buffer[j + 3]; }
        sink = s0 + s1 + s2 + s3;
        reads[i] = now_us() - start;
        // The writer's next rewrite (timed there) now finds the lines in this core's cache.
    }
    pthread_join(w, NULL);
    const double read = median(reads, repeats), rewrite = median(rewrites + 1, repeats - 1);
    const double bytes = (double)floats * 4;
    if (readerReads) printf("exchange kb=%d read_us=%.1f read_gbs=%.1f rewrite_us=%.1f rewrite_gbs=%.1f\n", kilobytes, read, bytes / read / 1e3, rewrite, bytes / rewrite / 1e3);
    else printf("exchange kb=%d unread_rewrite_us=%.1f unread_rewrite_gbs=%.1f\n", kilobytes, rewrite, bytes / rewrite / 1e3);
    free(reads);
    free(rewrites);
    free(buffer);
}

int main(int argc, char** argv) {
    if (argc == 3 && strcmp(argv[1], "jitter") == 0) {
        rounds = atoi(argv[2]);
        jitter(1);
        jitter(2);
        return 0;
    }
    if (argc == 4 && strcmp(argv[1], "exchange") == 0) {
        repeats = atoi(argv[3]);
        exchange(atoi(argv[2]), 1);
        exchange(atoi(argv[2]), 0);
        return 0;
    }
    fprintf(stderr, "usage: cross-core jitter ROUNDS | cross-core exchange KILOBYTES REPEATS\n");
    return 2;
}
