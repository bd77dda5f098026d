/** Saves a trained model in tfjs's layers format (model.json + weights.bin) into a folder, in Node. */
import type * as tfjs from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelFiles } from './model-files.js';

export async function saveModelToDirectory(tf: typeof tfjs, model: tfjs.LayersModel, directory: string): Promise<string[]> {
    mkdirSync(directory, { recursive: true });
    const files = await modelFiles(tf, model);
    const written = [join(directory, 'model.json'), join(directory, 'weights.bin')];
    writeFileSync(written[0], files.modelJson);
    writeFileSync(written[1], files.weights);
    return written;
}
