/** Saves a trained model in tfjs's layers format (model.json + weights.bin) into a folder, in Node. */
import type * as tfjs from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export async function saveModelToDirectory(tf: typeof tfjs, model: tfjs.LayersModel, directory: string): Promise<string[]> {
    mkdirSync(directory, { recursive: true });
    const written: string[] = [];
    await model.save(tf.io.withSaveHandler(async artifacts => {
        const weights = artifacts.weightData;
        const buffer = weights === undefined ? new Uint8Array() : new Uint8Array(Array.isArray(weights) ? tf.io.concatenateArrayBuffers(weights) : weights);
        const modelJson = {
            modelTopology: artifacts.modelTopology,
            format: 'layers-model',
            generatedBy: artifacts.generatedBy,
            convertedBy: null,
            weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }]
        };
        writeFileSync(join(directory, 'model.json'), JSON.stringify(modelJson));
        writeFileSync(join(directory, 'weights.bin'), buffer);
        written.push(join(directory, 'model.json'), join(directory, 'weights.bin'));
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: buffer.byteLength } };
    }));
    return written;
}
