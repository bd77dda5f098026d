// What the machine itself costs a training step shared between two cores, apart from RNN Lens:
// `node bench/machine.bench.mjs [--runs=N]` compiles bench/machine/cross-core.c with the
// machine's C compiler (CC, else cc) and prints, as measured in each of a few runs:
// - jitter: how much two threads that share no data lose to the system slowing one of them,
//   against one thread (a round waits for both, as a threaded batch waits at its barrier);
// - exchange: reading data the other core has just written, and rewriting data the other core
//   has just read (what a data-parallel step does with its gradients and weights every batch),
//   against rewriting data nobody read. Monster2's 93,891 weights are 367 KB: with two threads
//   each reads 184 KB of the other's gradients and weights a batch, and rewrites as much.
// docs/training-threads-measured.md reads these figures against the threads' speed-up.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { root } from './lib.mjs';

const runs = Number(process.argv.find(a => a.startsWith('--runs='))?.slice(7) ?? 3);
const dir = join(root, 'node_modules/.cache/rnn-lens-bench');
mkdirSync(dir, { recursive: true });
const binary = join(dir, 'cross-core');
try {
    execFileSync(process.env.CC || 'cc', ['-O3', '-pthread', join(root, 'bench/machine/cross-core.c'), '-o', binary], { stdio: ['ignore', 'ignore', 'pipe'] });
} catch (error) {
    console.log(`machine.bench: no C compiler here (${process.env.CC || 'cc'}: ${error.message.split('\n')[0]}); nothing measured`);
    process.exit(0);
}

/** key=value pairs of each line the binary prints, by its first word. */
function measure(args) {
    const out = execFileSync(binary, args, { encoding: 'utf8' });
    return out.trim().split('\n').map(line => Object.fromEntries(line.split(' ').slice(1).map(pair => pair.split('=')).map(([k, v]) => [k, Number(v)])));
}

const range = values => {
    const sorted = [...values].sort((a, b) => a - b);
    return `${sorted[Math.floor(sorted.length / 2)].toFixed(1)} (${sorted[0].toFixed(1)}–${sorted.at(-1).toFixed(1)})`;
};

console.log(`machine.bench: ${availableParallelism()} cores, load ${loadavg().map(l => l.toFixed(2)).join(' ')}; median (lowest–highest) of ${runs} runs`);
if (availableParallelism() < 2) {
    console.log('one core: nothing to share');
    process.exit(0);
}
const jitter = Array.from({ length: runs }, () => measure(['jitter', '3000']));
console.log('\njitter: 3,000 rounds of 0.1 ms a thread, no shared data');
for (const [i, label] of [[0, 'one thread'], [1, 'two threads']]) {
    console.log(`  ${label.padEnd(12)} rounds slowed over 2× the median: ${range(jitter.map(r => r[i].slow_rounds))}; time they lose: ${range(jitter.map(r => r[i].lost_pct))} %`);
}
console.log('\nexchange: one core writes, the other reads (GB/s)');
for (const kb of [184, 368]) {
    const exchange = Array.from({ length: runs }, () => measure(['exchange', String(kb), '300']));
    console.log(`  ${String(kb).padStart(4)} KB  the other core's fresh data read: ${range(exchange.map(r => r[0].read_gbs))} GB/s (${range(exchange.map(r => r[0].read_us))} µs); ` +
        `rewritten after the other core read it: ${range(exchange.map(r => r[0].rewrite_gbs))} GB/s (${range(exchange.map(r => r[0].rewrite_us))} µs); ` +
        `rewritten unread: ${range(exchange.map(r => r[1].unread_rewrite_gbs))} GB/s`);
}
