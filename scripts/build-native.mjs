// Builds the native products' addon (training/native/, docs/training-native.md) into
// out/rnn-lens-native.node with the machine's C++ compiler and Node's own headers: nothing is
// downloaded (node-gyp would fetch headers it cannot find). Where it cannot build (no compiler,
// no headers, not x86-64 Linux or macOS) it prints one line and the products stay in wasm; it
// never fails the build. `node scripts/build-native.mjs [--force]`; `npm run build` runs it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sources = join(root, 'training/native');
export const NATIVE_TARGET = join(root, 'out/rnn-lens-native.node');

/** Node's headers (node_api.h): npm's nodedir, else beside the node binary, else the system's. */
function nodeHeaders() {
    const places = [process.env.npm_config_nodedir, join(dirname(process.execPath), '..'), '/usr', '/usr/local']
        .filter(Boolean).map(dir => join(dir, 'include/node'));
    return places.find(dir => existsSync(join(dir, 'node_api.h')));
}

function upToDate() {
    if (!existsSync(NATIVE_TARGET)) return false;
    const built = statSync(NATIVE_TARGET).mtimeMs;
    return readdirSync(sources).every(name => statSync(join(sources, name)).mtimeMs <= built);
}

/** Builds the addon if it can; returns a line saying what happened. */
export function buildNative({ force = false } = {}) {
    const skip = why => `native products: not built (${why}); the matrix products stay in wasm`;
    if (process.arch !== 'x64' || !['linux', 'darwin'].includes(process.platform)) return skip(`${process.platform} ${process.arch}`);
    if (!force && upToDate()) return `native products: ${NATIVE_TARGET} is up to date`;
    const headers = nodeHeaders();
    if (!headers) return skip("no Node headers (node_api.h) found; set npm's nodedir");
    const compiler = process.env.CXX || 'c++';
    const files = readdirSync(sources).filter(name => name.endsWith('.cc')).map(name => join(sources, name));
    // Plain x86-64 code: the AVX2 and AVX-512 blocks choose their instructions by pragma and run
    // only where the CPU has them. N-API's symbols come from the node process that loads the addon.
    const flags = ['-O3', '-std=c++17', '-fPIC', '-shared', '-fvisibility=hidden', `-I${headers}`,
        ...(process.platform === 'darwin' ? ['-undefined', 'dynamic_lookup'] : [])];
    // Written beside, then renamed: a running process that loaded the old file keeps its copy.
    const partial = `${NATIVE_TARGET}.${process.pid}.partial`;
    try {
        mkdirSync(dirname(NATIVE_TARGET), { recursive: true });
        execFileSync(compiler, [...flags, ...files, '-o', partial], { stdio: ['ignore', 'ignore', 'pipe'] });
        renameSync(partial, NATIVE_TARGET);
    } catch (error) {
        rmSync(partial, { force: true });
        const detail = error.code === 'ENOENT' ? `no C++ compiler (${compiler})` : `${compiler} failed: ${String(error.stderr ?? error.message).split('\n')[0]}`;
        return skip(detail);
    }
    return `native products: built ${NATIVE_TARGET}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(buildNative({ force: process.argv.includes('--force') }));
