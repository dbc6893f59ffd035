import Foundation

/// How surprising an observed count is under a Poisson model: −log₁₀ P(X ≥ observed) for
/// X ~ Poisson(expected). 0 when the count is at or below what chance gives; about 2 for a
/// 1-in-100 coincidence, 6 for one in a million.
enum PoissonSurprise {
    static func of(observed k: Double, expected λ: Double) -> Double {
        guard k > 0 else { return 0 }
        let lambda = max(λ, 1e-9)
        guard k > lambda else { return 0 }
        // Upper tail by summing terms from k upwards in log space (terms shrink geometrically once j > λ).
        var logTerm = k * log(lambda) - lambda - lgamma(k + 1)
        var logSum = logTerm
        var j = k
        for _ in 0..<1000 {
            j += 1
            logTerm += log(lambda) - log(j)
            let step = logTerm - logSum
            if step < -40 { break }
            logSum += log1p(exp(step))
        }
        return max(0, -logSum / log(10))
    }
}
