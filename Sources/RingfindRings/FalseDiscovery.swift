import Foundation

/// Significance over many candidate brokers: the Benjamini–Hochberg step-up procedure
/// (Benjamini & Hochberg 1995, *JRSS B* 57:289–300), in surprises (−log₁₀ p).
///
/// Each candidate's p-value is adjusted to its *q-value*, q₍ᵢ₎ = min_{j ≥ i} p₍ⱼ₎ · m / j over
/// the candidates ranked by p; reporting every candidate with q ≤ α keeps the expected share
/// of reported rings that are chance at most α, and — when there is no ring at all — the
/// probability of reporting any at most α (the family-wise rate, as Bonferroni would). Unlike
/// Bonferroni, a world with ten real rings does not pay the full m-fold correction for each of
/// them.
///
/// - Complexity: O(m log m).
struct FalseDiscovery {
    /// −log₁₀ of each candidate's q-value (0 when q = 1), in the candidates' order.
    let adjusted: [Double]

    init(surprises: [Double]) {
        let m = surprises.count
        let order = surprises.indices.sorted { (surprises[$0], -$0) > (surprises[$1], -$1) }
        var adjusted = [Double](repeating: 0, count: m)
        var running = -Double.infinity
        for k in stride(from: m - 1, through: 0, by: -1) {
            running = max(running, surprises[order[k]] - log10(Double(m) / Double(k + 1)))
            adjusted[order[k]] = max(0, running)
        }
        self.adjusted = adjusted
    }
}
