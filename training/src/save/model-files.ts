/**
 * A trained model as the two files of tfjs's layers format: model.json (the topology and the
 * weights manifest, pointing at weights.bin) and weights.bin. Written to a folder in Node
 * (save-node.ts) and posted from the training panel's worker to the host, which writes them.
 */
import type * as tfjs from '@tensorflow/tfjs';

export interface ModelFiles {
    readonly modelJson: string;
    readonly weights: Uint8Array;
}

export async function modelFiles(tf: typeof tfjs, model: tfjs.LayersModel): Promise<ModelFiles> {
    let files: ModelFiles | undefined;
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
        files = { modelJson: JSON.stringify(modelJson), weights: buffer };
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: buffer.byteLength } };
    }));
    if (!files) throw new Error('tfjs did not hand over the model to save.');
    return files;
}
