import Foundation

/// Significance over many candidate brokers: the Benjamini–Hochberg step-up procedure
/// (Benjamini & Hochberg 1995, *JRSS B* 57:289–300), made adaptive in two stages (Benjamini,
/// Krieger & Yekutieli 2006, *Biometrika* 93:491–507), in surprises (−log₁₀ p), over the
/// candidates that could have reached significance at all (Tarone 1990, *Biometrics*
/// 46:515–522; for the false discovery rate, Gilbert 2005, *JRSS C* 54:143–158).
///
/// Each candidate's p-value is adjusted to its *q-value*, q₍ᵢ₎ = min_{j ≥ i} p₍ⱼ₎ · m / j over
/// the candidates ranked by p; reporting every candidate with q ≤ α keeps the expected share
/// of reported rings that are chance at most α, and — when there is no ring at all — the
/// probability of reporting any at most α (the family-wise rate, as Bonferroni would). Unlike
/// Bonferroni, a world with ten real rings does not pay the full m-fold correction for each of
/// them.
///
/// **Adaptive (two-stage).** Benjamini–Hochberg pays for all m candidates as if every one could
/// be chance; when many are rings, fewer can be. Stage 1 runs the procedure at α/(1+α) and finds
/// r₁ candidates; the number that can be chance is then estimated as m₀ = m − r₁ (at least 1),
/// and stage 2 runs it at α/(1+α) · m/m₀ — in q-values, each is multiplied by (1+α)·m₀/m. A
/// q-value is never taken below the candidate's own p-value: a ring is reported only when its
/// own test is significant at α too, so no ring rests on less than its own evidence (and a
/// candidate's evidence left once its insiders are explained by a stronger ring, which is
/// corrected by the same amount, `RingAssembly.mergeAccounts`, gains nothing). When stage 1 finds
/// nothing, nothing is reported (q-values are multiplied by 1+α, a hair stricter than the plain
/// procedure), so a case with no ring is protected exactly as before: the probability of
/// reporting any ring is at most α. The false discovery rate stays at most α for independent
/// tests (Benjamini, Krieger & Yekutieli 2006, theorem 1); the floor at p only reports fewer.
/// Measured on the three generators' worlds, seeds 1–5 (`Benchmarks/ring_matrix.py`): four
/// more true rings, no false one, no ring on any no-ring world (without the floor, one more
/// false ring, ranked below a world's true ones).
///
/// **Tarone's screening.** Counts of unticketed jobs are discrete: a candidate whose contacts
/// did two jobs, both of a kind the employee usually leaves unticketed, cannot reach a small
/// p-value even if both were unticketed. Such a candidate can never be reported, so it need not
/// be paid for: with pᵢ* the smallest p-value candidate i could attain (`attainable`), K is the
/// smallest number such that at most K candidates have pᵢ* ≤ α/K; only those m(K) ≤ K candidates
/// are adjusted (m = m(K)), the others get q = 1. This still keeps the false discovery rate at
/// most α (Gilbert 2005), and it depends only on how much evidence each candidate *could* show,
/// never on what it showed.
///
/// - Complexity: O(m log m).
struct FalseDiscovery {
    /// −log₁₀ of each candidate's q-value (0 when q = 1), in the candidates' order.
    let adjusted: [Double]
    /// How many candidates the correction counted (those that could have reached significance).
    let counted: Int

    /// Without `attainable` (or with every candidate able to reach any p-value), every
    /// candidate is counted.
    init(surprises: [Double], attainable: [Double]? = nil, alpha: Double = 0.01) {
        let m = surprises.count
        let attainable = attainable ?? [Double](repeating: .infinity, count: m)
        // Tarone: the smallest K with at most K candidates able to attain −log₁₀(α/K).
        let level = -log10(alpha)
        let reach = attainable.sorted(by: >)
        var k = 1, able = m
        while k < m {
            let bar = level + log10(Double(k))
            while able > 0 && !(reach[able - 1] >= bar) { able -= 1 }
            if able <= k { break }
            k += 1
        }
        let bar = level + log10(Double(max(k, 1)))
        let eligible = surprises.indices.filter { attainable[$0] >= bar }
        let counted = eligible.count
        let order = eligible.sorted { (surprises[$0], -$0) > (surprises[$1], -$1) }
        var adjusted = [Double](repeating: 0, count: m)
        var running = -Double.infinity
        for r in stride(from: counted - 1, through: 0, by: -1) {
            running = max(running, surprises[order[r]] - log10(Double(counted) / Double(r + 1)))
            adjusted[order[r]] = max(0, running)
        }
        // Two stages: r₁ found at α/(1+α); then q × (1+α)·m₀/m with m₀ = max(1, m − r₁), never
        // below p.
        let stretch = log10(1 + alpha)
        let found = eligible.filter { adjusted[$0] >= level + stretch }.count
        let gain = log10(Double(counted) / Double(max(1, counted - found))) - stretch
        for i in eligible where adjusted[i] > 0 { adjusted[i] = max(0, min(surprises[i], adjusted[i] + gain)) }
        self.adjusted = adjusted
        self.counted = counted
    }
}
