import RingfindRings

/// Every setting of a case's analysis in one value: communities, centrality, rings and how
/// the three are scheduled. `CaseAnalysis` keeps the value it ran with, and `build.json`
/// records it from there, so the manifest says what ran, not what the defaults are.
public struct AnalysisParameters: Sendable {
    /// Community detection: algorithm, resolution γ, seed, type weights, Leiden's θ and iterations.
    public var communities: CommunityOptions
    /// Centrality: seeds (as ids of the analysed entity table), betweenness, PageRank's damping.
    public var centrality: CentralityOptions
    /// Ring detection: window, session gap, α, disabled evidence, score scale.
    public var rings: RingParameters
    /// Communities, centrality and rings side by side or one after another; changes no result.
    public var schedule: AnalysisSchedule

    public init(
        communities: CommunityOptions = CommunityOptions(), centrality: CentralityOptions = CentralityOptions(),
        rings: RingParameters = RingParameters(), schedule: AnalysisSchedule = .auto
    ) {
        self.communities = communities
        self.centrality = centrality
        self.rings = rings
        self.schedule = schedule
    }

    /// Checks every number against its range, naming the option and the value that is out
    /// of it: γ > 0, θ > 0, at least one Leiden iteration, PageRank's damping strictly between
    /// 0 and 1 (at 1 the walk never jumps and need not converge), α strictly between 0 and 1.
    public func check() throws(BuildError) {
        let c = communities
        guard c.resolution.isFinite && c.resolution > 0 else {
            throw .parameterOutOfRange(name: "--resolution", value: "\(c.resolution)", expected: "a number > 0")
        }
        guard c.leidenRandomness.isFinite && c.leidenRandomness > 0 else {
            throw .parameterOutOfRange(
                name: "--leiden-randomness", value: "\(c.leidenRandomness)", expected: "a number > 0, such as 0.01")
        }
        guard c.leidenIterations >= 1 else {
            throw .parameterOutOfRange(
                name: "--leiden-iterations", value: "\(c.leidenIterations)", expected: "a whole number ≥ 1")
        }
        let d = centrality.pageRankDamping
        guard d.isFinite && d > 0 && d < 1 else {
            throw .parameterOutOfRange(
                name: "--pagerank-damping", value: "\(d)", expected: "a number between 0 and 1, such as 0.85")
        }
        guard rings.alpha.isFinite && rings.alpha > 0 && rings.alpha < 1 else {
            throw .parameterOutOfRange(
                name: "--alpha", value: "\(rings.alpha)", expected: "a probability between 0 and 1, such as 0.01")
        }
        guard rings.window > 0 else {
            throw .parameterOutOfRange(
                name: "--window", value: "\(rings.windowDays)", expected: "a number of days between 0 and 3650")
        }
    }
}
