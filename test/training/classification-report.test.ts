/** The classification report and confusion matrix against numbers worked out by hand (scikit-learn's definitions). */
import { describe, expect, it } from 'vitest';
import { classificationReport, confusionMatrix, formatClassificationReport, formatConfusionMatrix } from '../../training/src/report/classification-report.js';

// scikit-learn's documentation example: y_true = [0, 1, 2, 2, 2], y_pred = [0, 0, 2, 2, 1].
const actual = [0, 1, 2, 2, 2];
const predicted = [0, 0, 2, 2, 1];
const labels = ['class 0', 'class 1', 'class 2'];

describe('classification report', () => {
    it('counts true classes in rows and predictions in columns', () => {
        expect(confusionMatrix(actual, predicted, 3)).toEqual([[1, 0, 0], [1, 0, 0], [0, 1, 2]]);
    });

    it('gives precision, recall, F1 and support per class, and the averages', () => {
        const report = classificationReport(actual, predicted, labels);
        const [c0, c1, c2] = report.classes;
        expect([c0.precision, c0.recall, c0.f1, c0.support]).toEqual([0.5, 1, 2 / 3, 1]);
        expect([c1.precision, c1.recall, c1.f1, c1.support]).toEqual([0, 0, 0, 1]);
        expect(c2.precision).toBe(1);
        expect(c2.recall).toBeCloseTo(2 / 3, 12);
        expect(c2.f1).toBeCloseTo(0.8, 12);
        expect(report.accuracy).toBe(0.6);
        expect(report.macroAvg.precision).toBeCloseTo(0.5, 12);
        expect(report.macroAvg.recall).toBeCloseTo((1 + 0 + 2 / 3) / 3, 12);
        expect(report.weightedAvg.precision).toBeCloseTo((0.5 + 0 + 3) / 5, 12);
        expect(report.weightedAvg.f1).toBeCloseTo((2 / 3 + 0 + 3 * 0.8) / 5, 12);
    });

    it('prints as scikit-learn prints it', () => {
        expect(formatClassificationReport(classificationReport(actual, predicted, labels))).toBe([
            '              precision    recall  f1-score   support',
            '',
            '     class 0       0.50      1.00      0.67         1',
            '     class 1       0.00      0.00      0.00         1',
            '     class 2       1.00      0.67      0.80         3',
            '',
            '    accuracy                           0.60         5',
            '   macro avg       0.50      0.56      0.49         5',
            'weighted avg       0.70      0.60      0.61         5'
        ].join('\n'));
    });

    it('prints the confusion matrix with the class names', () => {
        const text = formatConfusionMatrix(classificationReport(actual, predicted, labels));
        const rows = text.split('\n');
        expect(rows).toHaveLength(4);
        expect(rows[3].trim().split(/\s+/).slice(-3)).toEqual(['0', '1', '2']);
        expect(rows[3]).toMatch(/^class 2/);
    });

    it('rejects predictions of another length', () => {
        expect(() => classificationReport([0, 1], [0], ['a', 'b'])).toThrow(/2 actual labels but 1 predictions/);
    });
});
