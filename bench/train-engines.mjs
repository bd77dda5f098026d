// The engines bench:train compares, each on one thread and on every core: a seam for more
// engines (the whole-step engine of issue 16 is added here at merge, with the trainModel options
// that choose it). `train` is merged into trainModel's options by train-suite.ts's throughput.
export const ENGINES = [
    { id: 'engine', label: 'engine', train: {} }
];
