import Foundation

/// Upper-tail probabilities of the counting distributions ring detection tests against, as
/// *surprise*: −log₁₀ P(X ≥ observed). 0 when the count is at or below what chance gives; 2 for
/// a 1-in-100 coincidence, 6 for one in a million. Working in log space keeps astronomically
/// small tails (10⁻³⁰⁰ and below) finite and comparable.
enum TailProbability {
    /// X ~ Poisson(λ). Exact summation of the tail in log space; for λ > 1000, the normal
    /// approximation with continuity correction (error far below the precision that matters).
    ///
    /// - Complexity: O(min(1000, terms until the tail converges)).
    static func poisson(observed k: Double, expected λ: Double) -> Double {
        guard k > 0 else { return 0 }
        let lambda = max(λ, 1e-12)
        guard k > lambda else { return 0 }
        if lambda > 1000 { return normalUpper(z: (k - 0.5 - lambda) / lambda.squareRoot()) }
        var logTerm = k * log(lambda) - lambda - lgamma(k + 1)
        var logSum = logTerm
        var j = k
        for _ in 0..<2000 {
            j += 1
            logTerm += log(lambda) - log(j)
            let step = logTerm - logSum
            if step < -40 { break }
            logSum += log1p(exp(step))
        }
        return max(0, -logSum / log(10))
    }

    /// X ~ BetaBinomial(n, a, b): a binomial count whose success rate is itself uncertain,
    /// distributed Beta(a, b) — the posterior predictive of a rate learnt from a history
    /// (empirical Bayes). Sums the tail from k upwards with the term ratio
    /// T(j+1)/T(j) = (n−j)(j+a) / ((j+1)(n−j−1+b)).
    ///
    /// - Complexity: O(n − k) at worst, usually far less (the sum stops once terms vanish).
    static func betaBinomial(observed k: Int, trials n: Int, a: Double, b: Double) -> Double {
        guard k > 0, n > 0, k <= n, a > 0, b > 0 else { return 0 }
        guard Double(k) > Double(n) * a / (a + b) else { return 0 }
        func logBeta(_ x: Double, _ y: Double) -> Double { lgamma(x) + lgamma(y) - lgamma(x + y) }
        let dn = Double(n)
        var logTerm =
            lgamma(dn + 1) - lgamma(Double(k) + 1) - lgamma(dn - Double(k) + 1)
            + logBeta(Double(k) + a, dn - Double(k) + b) - logBeta(a, b)
        var logSum = logTerm
        var j = Double(k)
        while j < dn {
            logTerm += log(dn - j) + log(j + a) - log(j + 1) - log(dn - j - 1 + b)
            j += 1
            let step = logTerm - logSum
            if step < -40 { break }
            logSum += log1p(exp(step))
        }
        return max(0, -min(0, logSum) / log(10))
    }

    /// A count with mean μ and variance σ² ≥ μ as the negative binomial with those two moments (r = μ²/(σ² − μ), success probability
    /// q = μ/σ²); Poisson(μ) when σ² ≤ μ. Sums the tail from k upwards with the term ratio
    /// T(j+1)/T(j) = (j + r)(1 − q)/(j + 1).
    ///
    /// - Complexity: O(terms until the tail converges), at most 10⁶.
    static func overdispersed(observed k: Double, mean μ: Double, variance σ2: Double) -> Double {
        guard k > μ, μ > 0 else { return k > 0 && μ <= 0 ? 300 : 0 }
        guard σ2 > μ * (1 + 1e-9) else { return poisson(observed: k, expected: μ) }
        let r = μ * μ / (σ2 - μ), q = μ / σ2
        let start = k.rounded(.up)
        var logTerm = lgamma(start + r) - lgamma(r) - lgamma(start + 1) + r * log(q) + start * log1p(-q)
        var logSum = logTerm
        var j = start
        for _ in 0..<1_000_000 {
            logTerm += log(j + r) + log1p(-q) - log(j + 1)
            j += 1
            let step = logTerm - logSum
            if step < -40 { break }
            logSum += log1p(exp(step))
        }
        return max(0, -min(0, logSum) / log(10))
    }

    /// S = Σᵢ Xᵢ with independent Xᵢ ~ BetaBinomial(nᵢ, aᵢ, bᵢ): several employees' unticketed
    /// jobs, each against their own habits. P(S ≥ k) = 1 − P(S ≤ k − 1), by convolving the
    /// distributions truncated below k (exact); when that leaves less than 10⁻¹² (where 1 − CDF
    /// loses precision) or k exceeds 2,000, the moment-matched negative binomial
    /// (`overdispersed`) is used instead, floored at 12 in the first case.
    ///
    /// - Complexity: O(parts · k²) for the convolution.
    static func sumOfBetaBinomials(observed k: Int, parts: [(trials: Int, a: Double, b: Double)]) -> Double {
        let parts = parts.filter { $0.trials > 0 && $0.a > 0 && $0.b > 0 }
        let mean = parts.reduce(0.0) { $0 + Double($1.trials) * $1.a / ($1.a + $1.b) }
        guard k > 0, Double(k) > mean else { return 0 }
        let variance = parts.reduce(0.0) {
            let n = Double($1.trials), ab = $1.a + $1.b
            return $0 + n * $1.a * $1.b * (ab + n) / (ab * ab * (ab + 1))
        }
        let approximation = overdispersed(observed: Double(k), mean: mean, variance: variance)
        guard k <= 2000 else { return approximation }
        func logBeta(_ x: Double, _ y: Double) -> Double { lgamma(x) + lgamma(y) - lgamma(x + y) }
        var below = [Double](repeating: 0, count: k)  // P(partial sum = j), j < k
        below[0] = 1
        for part in parts {
            let n = part.trials, m = min(n, k - 1), dn = Double(n)
            let logNorm = lgamma(dn + 1) - logBeta(part.a, part.b)
            var pmf = [Double](repeating: 0, count: m + 1)
            for j in 0...m {
                let dj = Double(j)
                let logChoose = logNorm - lgamma(dj + 1) - lgamma(dn - dj + 1)
                pmf[j] = exp(logChoose + logBeta(dj + part.a, dn - dj + part.b))
            }
            var next = [Double](repeating: 0, count: k)
            for i in 0..<k where below[i] > 0 {
                for j in 0...min(m, k - 1 - i) { next[i + j] += below[i] * pmf[j] }
            }
            below = next
        }
        let tail = 1 - below.reduce(0, +)
        return tail < 1e-12 ? max(12, approximation) : -log10(tail)
    }

    /// −log₁₀ P(Z ≥ z) for a standard normal Z.
    static func normalUpper(z: Double) -> Double {
        guard z > 0 else { return 0 }
        if z < 30 { return -log10(0.5 * erfc(z / 2.squareRoot())) }
        // Mills ratio for the far tail: P(Z ≥ z) ≈ φ(z)/z.
        return (z * z / 2 + log(z * (2 * Double.pi).squareRoot())) / log(10)
    }

    /// Fisher's method: independent tests with surprises s₁…s_m combine to
    /// X = 2 ln 10 · Σ sᵢ ~ χ²(2m) under the null; returns −log₁₀ P(χ²(2m) ≥ X), using the
    /// closed form for even degrees of freedom, P = e^{−X/2} Σ_{i<m} (X/2)^i / i!.
    /// (Fisher 1925, *Statistical Methods for Research Workers*, §21.1.)
    static func fisher(_ surprises: [Double]) -> Double {
        let m = surprises.count
        guard m > 0 else { return 0 }
        let half = log(10) * surprises.reduce(0, +)  // X / 2
        guard half > 0 else { return 0 }
        // log Σ_{i<m} half^i / i! in log space.
        var logSum = 0.0, logTerm = 0.0
        for i in 1..<max(m, 1) {
            logTerm += log(half) - log(Double(i))
            let high = max(logSum, logTerm)
            logSum = high + log(exp(logSum - high) + exp(logTerm - high))
        }
        return max(0, (half - logSum) / log(10))
    }

    /// Tests combined so that the result stays powerful whether the evidence is spread over
    /// many of them or concentrated in one: the stronger of Fisher's method (`fisher`, best when
    /// several tests each show some evidence) and Bonferroni's minimum (the strongest test
    /// corrected for how many there are, best when one test among many null ones is strong,
    /// where Fisher's sum would drown it), paying ×2 for choosing. Both are valid p-values under
    /// the null, so the doubled minimum is too (Bonferroni over the two).
    static func combined(_ surprises: [Double]) -> Double {
        guard let strongest = surprises.max() else { return 0 }
        let sparse = strongest - log10(Double(surprises.count))
        return max(0, max(fisher(surprises), sparse) - log10(2))
    }
}
