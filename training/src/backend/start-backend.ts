/**
 * Switches tfjs to a backend and waits until it is ready, or gives up. A backend whose binary
 * cannot be fetched may never settle (tfjs-wasm in a webview worker waits on a module that
 * aborted), so every place that starts a backend by name goes through here rather than
 * awaiting `tf.setBackend` unguarded.
 */
import type * as tfjs from '@tensorflow/tfjs';

/** How long a backend may take to start before it counts as not starting. */
export const BACKEND_START_MS = 20_000;

/** True when `name` is the active backend and ready; false when it failed or did not start in time. */
export async function startBackend(tf: typeof tfjs, name: string, timeoutMs = BACKEND_START_MS): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const gaveUp = new Promise<false>(resolve => { timer = setTimeout(() => resolve(false), timeoutMs); });
    try {
        return await Promise.race([
            tf.setBackend(name).then(ok => ok && tf.ready().then(() => true)),
            gaveUp
        ]);
    } catch {
        return false;
    } finally {
        clearTimeout(timer);
    }
}
