/**
 * What a kernel thread runs: plain JavaScript, kept as a string so that every bundle (the CLI's
 * CommonJS, the panel's worker) can start it without a file of its own (Node: a worker_threads
 * Worker with `eval`; a browser: a Worker on a Blob URL). It instantiates the shared kernels
 * module on the shared memory, says it is ready in its control block, then waits there for
 * lists of calls, runs them, and says it is done (or what failed) in the same block.
 *
 * The control block (a SharedArrayBuffer; the layout is CONTROL below, mirrored by
 * kernel-threads.ts): Int32 words [request, done, status, calls, ready, messageLength], then the
 * calls as Float64 [export index, argument count, arguments...], then an error message in UTF-8.
 */

/** The control block's layout, shared by both sides. */
export const CONTROL = {
    REQUEST: 0, DONE: 1, STATUS: 2, CALLS: 3, READY: 4, MESSAGE_LENGTH: 5,
    /** Byte offset of the calls (Float64), and how many values they may take. */
    CALLS_AT: 64, CALL_VALUES: 1024,
    /** Byte offset of the error message, and its room in bytes. */
    MESSAGE_AT: 64 + 8 * 1024, MESSAGE_BYTES: 1024,
    /** CALLS below zero: stop. READY: 1 started, 2 failed to start. STATUS: 0 done, 1 failed. */
    STOP: -1
} as const;

export const CONTROL_BYTES = CONTROL.MESSAGE_AT + CONTROL.MESSAGE_BYTES;

/**
 * How long a thread spins on its control word before it sleeps in Atomics.wait: the calls of a
 * batch come a fraction of a millisecond apart, and waking a sleeping thread costs tens of µs.
 */
export const SPIN_MS = 0.2;

export const THREAD_SOURCE = `'use strict';
const C = ${JSON.stringify(CONTROL)};
function serve(data) {
    const ctl = new Int32Array(data.control, 0, 16);
    const values = new Float64Array(data.control, C.CALLS_AT, C.CALL_VALUES);
    const message = new Uint8Array(data.control, C.MESSAGE_AT, C.MESSAGE_BYTES);
    const fail = (status, error) => {
        const text = new TextEncoder().encode(String(error && error.message || error)).slice(0, C.MESSAGE_BYTES);
        message.set(text);
        Atomics.store(ctl, C.MESSAGE_LENGTH, text.length);
        Atomics.store(ctl, status, status === C.READY ? 2 : 1);
    };
    let exports;
    try {
        // The native products (native-products.ts): this thread loads the addon itself and binds
        // it to the shared memory, which never moves; without it, an import that never runs.
        const nativeProduct = data.native ? require(data.native.path).bind(data.memory, data.native.kernel)
            : () => { throw new Error('a native product was called without the native addon'); };
        exports = new WebAssembly.Instance(data.module, { env: { memory: data.memory, nativeProduct } }).exports;
        exports.useNativeProducts(data.native ? data.native.from : 0);
        exports.useThreadIndex(data.index);
        if (data.failOnStart) throw new Error(data.failOnStart);
    } catch (error) {
        fail(C.READY, error);
        Atomics.notify(ctl, C.READY);
        return;
    }
    const functions = data.names.map(name => exports[name]);
    Atomics.store(ctl, C.READY, 1);
    Atomics.notify(ctl, C.READY);
    const spin = data.spinMs === undefined ? ${SPIN_MS} : data.spinMs;
    let seen = 0;
    for (;;) {
        if (Atomics.load(ctl, C.REQUEST) === seen) {
            // The clock read every 1,024 loads only: each read makes a heap number, whose
            // garbage would start collections that wake V8's helper threads onto the cores.
            const until = performance.now() + spin;
            for (let i = 1; Atomics.load(ctl, C.REQUEST) === seen && ((i & 1023) !== 0 || performance.now() < until); i++);
            while (Atomics.load(ctl, C.REQUEST) === seen) Atomics.wait(ctl, C.REQUEST, seen);
        }
        seen = Atomics.load(ctl, C.REQUEST);
        const calls = ctl[C.CALLS];
        if (calls < 0) return;
        let name = '';
        try {
            for (let c = 0, p = 0; c < calls; c++) {
                const index = values[p], count = values[p + 1];
                name = data.names[index];
                functions[index](...values.subarray(p + 2, p + 2 + count));
                p += 2 + count;
            }
            ctl[C.STATUS] = 0;
        } catch (error) {
            fail(C.STATUS, name + ': ' + (error && error.message || error));
        }
        Atomics.store(ctl, C.DONE, seen);
        Atomics.notify(ctl, C.DONE);
    }
}
if (typeof self === 'undefined' && typeof require === 'function') {
    serve(require('node:worker_threads').workerData);
} else {
    self.onmessage = event => serve(event.data);
}
`;
