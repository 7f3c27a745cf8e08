/**
 * L2-regularised logistic regression over named binary features, trained by full-batch gradient
 * descent with a fixed number of steps and a fixed order of operations: the same examples always
 * give the same weights, to the bit, so the shipped model can be rebuilt and compared byte for byte.
 * A few dozen lines rather than a library: the data is small (16k sentences), the features are
 * sparse strings, and determinism is easier to guarantee in code we can read.
 */

export interface Example {
  features: readonly string[]
  label: 0 | 1
}

export interface TrainOptions {
  /** Gradient steps. @defaultValue 400 */
  steps?: number
  /** Learning rate. @defaultValue 0.5 */
  rate?: number
  /** L2 penalty per weight. @defaultValue 1e-4 */
  l2?: number
  /** Features seen in fewer examples are left out. @defaultValue 2 */
  minCount?: number
}

export interface LogisticModel {
  bias: number
  weights: Record<string, number>
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x))

/**
 * @example
 * const model = trainLogistic([{ features: ['u:tax'], label: 1 }, { features: ['u:hello'], label: 0 }])
 */
export const trainLogistic = (examples: readonly Example[], options: TrainOptions = {}): LogisticModel => {
  const { steps = 400, rate = 0.5, l2 = 1e-4, minCount = 2 } = options
  const counts = new Map<string, number>()
  for (const e of examples) for (const f of e.features) counts.set(f, (counts.get(f) ?? 0) + 1)
  const names = [...counts].filter(([, n]) => n >= minCount).map(([f]) => f).sort()
  const index = new Map(names.map((f, i) => [f, i]))
  const rows = examples.map((e) => Int32Array.from(e.features.map((f) => index.get(f) ?? -1).filter((i) => i >= 0).sort((a, b) => a - b)))
  // Check-worthy sentences are a few percent: weigh the classes to balance them.
  const positives = examples.reduce((n, e) => n + e.label, 0)
  const weightOf = [examples.length / (2 * Math.max(1, examples.length - positives)), examples.length / (2 * Math.max(1, positives))]
  const w = new Float64Array(names.length)
  let bias = 0
  const grad = new Float64Array(names.length)
  for (let step = 0; step < steps; step++) {
    grad.fill(0)
    let gradBias = 0
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!
      let z = bias
      for (let k = 0; k < row.length; k++) z += w[row[k]!]!
      const label = examples[r]!.label
      const g = (sigmoid(z) - label) * weightOf[label]!
      gradBias += g
      for (let k = 0; k < row.length; k++) grad[row[k]!]! += g
    }
    const n = rows.length
    for (let i = 0; i < w.length; i++) w[i] = w[i]! - rate * (grad[i]! / n + l2 * w[i]!)
    bias -= rate * (gradBias / n)
  }
  const weights: Record<string, number> = {}
  for (let i = 0; i < names.length; i++) {
    const rounded = Math.round(w[i]! * 1e4) / 1e4
    if (rounded !== 0) weights[names[i]!] = rounded
  }
  return { bias: Math.round(bias * 1e4) / 1e4, weights }
}

/** The model's probability for a feature set. */
export const predictLogistic = (model: LogisticModel, features: readonly string[]): number => {
  let z = model.bias
  for (const f of features) z += model.weights[f] ?? 0
  return sigmoid(z)
}
