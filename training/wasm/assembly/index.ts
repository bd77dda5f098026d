/**
 * RNN Lens's recurrent kernels: the entry points training/src/layers/recurrent-kernel.ts calls.
 * Built by scripts/build-wasm.mjs into training/src/layers/kernels-wasm.generated.ts.
 */
export { heapBase } from './memory';
export { sequenceForward, sequenceBackward, backwardScratch } from './recurrent';
export { classicGruForward, classicGruBackward, classicGruBackwardScratch } from './gru-classic';
export { projectInputs, projectInputsBackward, projectionBackwardScratch } from './projection';
export { activateArray } from './vector-math';
export { gemm, gemmTransposedA, useNativeProducts } from './products';
export { adamUpdate } from './optimizer';
export { convBackward, convForward, convScratch } from './conv1d';
export { trainStep, evaluateStep, wholeForward, wholeLoss, wholeBackward, wholeAdam, wholeAddGradients, wholeStepRecord } from './whole-step';
export { useThreadIndex, wholeClaimParts, wholeTrainParts, wholeUpdateSlices } from './shared-batch';
export { denseScratch } from './step-layers';
