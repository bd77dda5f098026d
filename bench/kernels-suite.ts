/**
 * What bench/kernels.bench.mjs times: each notebook model's whole-step program (training/src/train/
 * whole-step/) laid out in kernel memory with its first batch of 32 rows staged (dropout masks
 * drawn), from seeded initial weights: a snapshot of that memory, to run trainStep on with any
 * build of the kernels.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../language/src/parse.js';
import {
    buildTfjsModel, compileSettings, prepareDataset, mulberry32, createCustomLayers, kernelModule, chooseEngine
} from '../training/src/index.js';
import { directoryLoader, selectNodeBackend } from '../training/src/node.js';

export interface Snapshot {
    readonly name: string;
    /** Kernel memory's bytes, from 0 to the program's end. */
    readonly memory: Uint8Array;
    /** The program's byte address, and the rows staged. */
    readonly program: number;
    readonly rows: number;
    /** Each weight's [byte address, values], and the loss sums' byte address. */
    readonly weights: Array<[number, number]>;
    readonly sums: number;
}

export async function snapshots(root: string, batch = 32): Promise<Snapshot[]> {
    await selectNodeBackend(tf, 'wasm');
    const models = analyzeText(readFileSync(join(root, 'examples/advanced_rnn_theory.rnn'), 'utf8')).models;
    const out: Snapshot[] = [];
    for (const analysis of models) {
        const random = Math.random;
        Math.random = mulberry32(7);
        try {
            const settings = compileSettings(tf, analysis.description.compile);
            const built = buildTfjsModel(tf, analysis, createCustomLayers(tf));
            if (!built.ok) throw new Error(`${analysis.name}: not built`);
            built.model.compile({ optimizer: settings.optimizer, loss: settings.loss, metrics: settings.metrics.map(m => m.tfjs) });
            const decision = chooseEngine(tf, built.model, settings.loss, settings.metrics.map(m => m.tfjs), settings.optimizer, batch, 'whole-step');
            const program = decision.program!;
            const data = prepareDataset(analysis.description, analysis.description.input?.shape, directoryLoader(join(root, 'examples')));
            const rows = program.stage(data.train.x, data.train.y, null, 0, batch, true);
            const p = program as unknown as { start: number; block: { size: number }; layout: { program: number; sums: number; weights: Array<{ w: number; size: number }> } };
            const end = (p.start + p.block.size) * 4;
            out.push({ name: analysis.name, memory: new Uint8Array(kernelModule().memory.view().buffer.slice(0, end)), program: (p.start + p.layout.program) * 4, rows,
                weights: p.layout.weights.map(w => [(p.start + w.w) * 4, w.size]), sums: (p.start + p.layout.sums) * 4 });
            program.dispose();
            built.model.dispose();
        } finally {
            Math.random = random;
        }
    }
    return out;
}
