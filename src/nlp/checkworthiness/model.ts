/**
 * The shipped check-worthiness model (src/nlp/data/checkworthiness.json, written by `npm run train`
 * from the CheckThat! 2019 training debates): how likely fact-checkers are to check a sentence.
 */
import model from '../data/checkworthiness.json' with { type: 'json' }
import { checkworthinessFeatures } from './features.js'
import { predictLogistic, type LogisticModel } from './logistic.js'

const MODEL: LogisticModel = { bias: model.bias, weights: model.weights as Record<string, number> }

/** Above this a sentence is `checkworthy`: calibrated on leave-one-debate-out scores (see the model file). */
export const CHECKWORTHY_THRESHOLD: number = model.threshold

/**
 * @example
 * checkworthiness('We lost 70,000 factory jobs last year.') // ≈ 0.9
 * checkworthiness('Thank you very much.') // ≈ 0.1
 */
export const checkworthiness = (sentence: string): number =>
  Math.round(predictLogistic(MODEL, checkworthinessFeatures(sentence)) * 1000) / 1000
