/** Which editors the status bar, Show Summary and Train follow: .rnn, and Python files and notebook cells. */
import { describe, expect, it } from 'vitest';
import { isModelDocument } from '../../client/src/common/model-languages.js';

const doc = (languageId: string, scheme: string) => ({ languageId, uri: { scheme } });

describe('isModelDocument', () => {
    it('takes .rnn documents, and Python files, new Python files and notebook cells', () => {
        expect(isModelDocument(doc('rnn', 'file'))).toBe(true);
        expect(isModelDocument(doc('rnn', 'untitled'))).toBe(true);
        expect(isModelDocument(doc('python', 'file'))).toBe(true);
        expect(isModelDocument(doc('python', 'untitled'))).toBe(true);
        expect(isModelDocument(doc('python', 'vscode-notebook-cell'))).toBe(true);
    });

    it('leaves other languages, and Python the server is not sent (a git diff, an output), alone', () => {
        expect(isModelDocument(doc('markdown', 'vscode-notebook-cell'))).toBe(false);
        expect(isModelDocument(doc('plaintext', 'file'))).toBe(false);
        expect(isModelDocument(doc('python', 'git'))).toBe(false);
        expect(isModelDocument(doc('python', 'output'))).toBe(false);
    });
});
