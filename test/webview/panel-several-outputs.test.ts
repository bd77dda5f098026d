/**
 * A model that Keras 3 builds but RNN Lens cannot train (it ends in several outputs): the panel
 * says why before training, instead of "has errors", and the CLI refuses before it starts.
 */
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { initialState, trainBlocker, withModel } from '../../webview/src/panel/state.js';
import { cliSuite, runCli } from '../helpers/cli-run.js';

const TEXT = 'model S {\n    Input(shape=(10, 3))\n    LSTM(4, return_state=True)\n}\n';
const { file } = cliSuite('rnn-lens-outputs-');

describe('a last layer with several outputs, which Keras 3 builds', () => {
    it('blocks the panel\'s Train with the reason, not "has errors"', () => {
        const analysis = analyzeText(TEXT).models[0];
        expect(analysis.complete).toBe(true);
        const state = withModel(initialState(), { type: 'model', uri: 'file:///s.rnn', analysis, errors: [], trainable: false });
        expect(trainBlocker(state)).toBe('Model "S" ends in lstm, which has several outputs [(None, 4), (None, 4), (None, 4)]: Keras 3 builds it, but training fits one output to one target. Give lstm one output (no return_state, a merge_mode) to train it in RNN Lens.');
        const one = analyzeText(TEXT.replace(', return_state=True', '')).models[0];
        expect(trainBlocker(withModel(initialState(), { type: 'model', uri: 'file:///s.rnn', analysis: one, errors: [], trainable: true }))).toBeUndefined();
    });

    it('is refused by rnn-lens train before any training starts (exit 1)', () => {
        const { status, stdout, stderr } = runCli('train', file('state.rnn', TEXT), '--epochs', '1');
        expect(status).toBe(1);
        expect(stdout).toBe('');
        expect(stderr).toContain('Model "S" ends in lstm, which has several outputs');
    });
});
