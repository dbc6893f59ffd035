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

    public init(communities: CommunityOptions = CommunityOptions(), centrality: CentralityOptions = CentralityOptions(),
                rings: RingParameters = RingParameters(), schedule: AnalysisSchedule = .auto) {
        self.communities = communities
        self.centrality = centrality
        self.rings = rings
        self.schedule = schedule
    }
}
