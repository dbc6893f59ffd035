import Foundation
import RingfindCentrality
import RingfindCommunity
import RingfindGraph
import RingfindIngest
import RingfindRings

/// The version printed by `ringfind --version` and recorded in every `build.json`.
public enum RingfindVersion {
    public static let current = "0.1.0"
}

/// `build.json`: what was built from what, with which parameters, and how long it took.
///
/// Everything in it is deterministic for the same inputs and options except
/// `stage_seconds`, `total_seconds` and `command_line`.
public struct BuildManifest: Codable, Sendable {
    /// Parameters of the build, as resolved (defaults filled in).
    public struct Parameters: Codable, Sendable {
        public var input: String
        public var output: String
        public var strict: Bool
        public var maxRejects: String
    }

    /// Row accounting over all inputs.
    public struct Totals: Codable, Sendable {
        public var rowsRead: Int
        public var rowsAccepted: Int
        public var rowsRejected: Int
        /// Log rows dated outside `--since/--until` (read, neither accepted nor rejected).
        public var rowsOutsideWindow: Int = 0
    }

    /// The period the case covers (`--since/--until`), as half-open bounds `[start, end)`.
    public struct Window: Codable, Sendable {
        /// `--since` as given, and the first instant kept (ISO 8601, UTC).
        public var since: String?
        public var start: String?
        /// `--until` as given, and the first instant no longer kept (a date keeps its whole day).
        public var until: String?
        public var end: String?
        /// Log rows outside the window, over all inputs.
        public var rowsOutsideWindow: Int
    }

    /// Whether ids and names were replaced by keyed pseudonyms (`--pseudonymize`). The key,
    /// and anything derived from it alone, is never recorded.
    public struct Pseudonyms: Codable, Sendable {
        public var applied: Bool
        /// `HMAC-SHA-256`, and the pseudonym forms (`P-` ids, `N-` names, …).
        public var method: String
        /// Whether groups (departments, markets) were kept as they are (`--keep-groups`).
        public var groupsKept: Bool
    }

    /// Sizes of the graph.
    public struct GraphCounts: Codable, Sendable {
        public var entities: Int
        public var entitiesByKind: [String: Int]
        /// Entities whose kind was inferred from events rather than declared.
        public var entitiesWithInferredKind: Int
        /// Times an entity appeared in a role that disagrees with its kind.
        public var kindConflicts: Int
        /// Aggregated edges (distinct ordered pairs) per type.
        public var edgesByType: [String: Int]
        /// Events per type (rows, weighted by their `count`).
        public var eventsByType: [String: Int64]
        /// Input rows per type.
        public var rowsByType: [String: Int]
    }

    /// Connected components of the undirected projection.
    public struct Components: Codable, Sendable {
        public var count: Int
        public var largest: Int
        /// Entities with no edge at all.
        public var isolated: Int

        init(_ components: Partition) {
            let sizes = components.sizes()
            count = components.count
            largest = sizes.max() ?? 0
            isolated = sizes.filter { $0 == 1 }.count
        }
    }

    /// The community detection run and what it found.
    public struct Communities: Codable, Sendable {
        public var algorithm: String
        public var resolution: Double
        public var seed: UInt64
        /// Weight of one event of each type in the projection.
        public var typeWeights: [String: Double]
        /// Leiden's refinement randomness θ, as it ran (absent for Louvain).
        public var randomness: Double?
        /// Leiden's iterations at most, as it ran (absent for Louvain).
        public var maximumIterations: Int?
        public var count: Int
        public var modularity: Double
        public var largest: Int
        /// Communities of a single entity.
        public var singletons: Int
        public var levels: Int
        public var iterations: Int

        init(_ analysis: CommunityAnalysis, options: CommunityOptions) {
            algorithm = options.algorithm.rawValue
            resolution = options.resolution
            seed = options.seed
            typeWeights = Dictionary(
                uniqueKeysWithValues: EdgeType.allCases.map { ($0.description, options.typeWeights[$0]) })
            randomness = options.algorithm == .leiden ? options.leidenRandomness : nil
            maximumIterations = options.algorithm == .leiden ? options.leidenIterations : nil
            count = analysis.partition.count
            modularity = CommunitiesReport.rounded(analysis.modularity)
            largest = analysis.sizes.first ?? 0
            singletons = analysis.sizes.filter { $0 == 1 }.count
            levels = analysis.levels
            iterations = analysis.iterations
        }
    }

    /// How centrality was computed.
    public struct Centrality: Codable, Sendable {
        /// How one PageRank ran: its damping, the iterations it took and whether it converged.
        public struct PageRankRun: Codable, Sendable {
            public var damping: Double
            public var iterations: Int
            public var converged: Bool
        }

        /// How betweenness was computed (or why it was not).
        public struct BetweennessRun: Codable, Sendable {
            /// `exact`, `sampled`, or `not computed` (the affordable sample's error bound would
            /// exceed the limit; see `CentralityOptions.betweennessSamples`).
            public var mode: String
            /// `hops` or `weighted` (length 1/weight).
            public var lengths: String
            /// Sources expanded.
            public var sources: Int
            public var seed: UInt64
            /// With sampling: every normalised value is within this of the exact one with
            /// probability ≥ 0.9 (Hoeffding and a union bound over all entities); when not
            /// computed, the bound the affordable sample would have had (why it was not).
            public var errorBound: Double
        }

        public var pagerank: PageRankRun
        public var seedPagerank: PageRankRun?
        /// Seeds of personalised PageRank: entities of kind broker plus `--seeds`.
        public var seeds: Int
        public var betweenness: BetweennessRun
        /// Gould–Fernandez groups.
        public var brokerageGroups: String

        init(_ analysis: CentralityAnalysis, options: CentralityOptions) {
            let damping = options.pageRankDamping  // as it ran
            pagerank = .init(
                damping: damping, iterations: analysis.pageRank.iterations, converged: analysis.pageRank.converged)
            seedPagerank = analysis.seedPageRank.map {
                .init(damping: damping, iterations: $0.iterations, converged: $0.converged)
            }
            seeds = analysis.seedCount
            let run = analysis.betweenness
            betweenness = .init(
                mode: !run.computed ? "not computed" : run.exact ? "exact" : "sampled",
                lengths: options.betweennessLengths.rawValue,
                sources: run.sources, seed: options.seed,
                errorBound: CommunitiesReport.rounded(run.errorBound))
            brokerageGroups = "entity kind"
        }
    }

    /// Ring detection: parameters and what it found.
    public struct Rings: Codable, Sendable {
        /// The parameters exactly as they ran.
        public var windowDays: Double
        public var sessionGapMinutes: Double
        public var alpha: Double
        public var scoreScale: Double
        public var disabledEvidence: [String]
        /// Evidence the inputs could not show, with why.
        public var unavailable: [String]
        public var candidates: Int
        /// The candidates the p-values are adjusted for (those that could reach significance).
        public var candidatesCounted: Int
        public var count: Int
        public var suspects: Int
        public var baselineRings: Int

        init(_ detection: RingDetection, parameters: RingParameters, baselineRings: Int) {
            windowDays = parameters.windowDays
            sessionGapMinutes = Double(parameters.sessionGap) / 60_000
            alpha = parameters.alpha
            scoreScale = parameters.scoreScale
            disabledEvidence = parameters.disabled.map(\.rawValue)
            unavailable = detection.unavailable
            candidates = detection.candidates
            candidatesCounted = detection.counted
            count = detection.rings.count
            suspects = detection.roles.filter { $0 != nil }.count
            self.baselineRings = baselineRings
        }
    }

    /// Wall time of one stage.
    public struct Stage: Codable, Sendable {
        public var stage: String
        public var seconds: Double
    }

    /// The case's id: SHA-256 (first 32 hex digits) of the deterministic part of this manifest
    /// and of every output but `case.sqlite` and `build.json`. The same inputs and options give
    /// the same id; `case.sqlite` records it too, so readers can tell a mixed case.
    public var buildId: String = ""
    public var ringfindVersion: String
    public var commandLine: [String]
    public var parameters: Parameters
    public var inputs: [FileReport]
    /// Files in the input folder that are not inputs.
    public var ignoredFiles: [String]
    public var totals: Totals
    /// `--since/--until`, when given.
    public var window: Window? = nil
    /// What aliases and resource rules did.
    public var mapping: MappingReport? = nil
    /// `--pseudonymize`, when given.
    public var pseudonyms: Pseudonyms? = nil
    /// `--suggest-aliases`, when given.
    public var aliasSuggestions: AliasSuggestionCounts? = nil

    /// What `--suggest-aliases` wrote to `alias-suggestions.csv`, and its parameters.
    public struct AliasSuggestionCounts: Codable, Sendable {
        public var sameName: Int
        public var sameEmailLocalPart: Int
        public var sharedCounterparties: Int
        /// Name or e-mail buckets larger than `max_bucket`, skipped.
        public var bucketsSkipped: Int
        /// Counterparties with more than `max_counterparty_degree` counterparties, skipped.
        public var hubsSkipped: Int
        public var maxBucket: Int
        public var maxCounterpartyDegree: Int
        public var minShared: Int
        public var minJaccard: Double
    }
    public var graph: GraphCounts
    public var components: Components
    public var communities: Communities
    public var centrality: Centrality
    public var rings: Rings
    /// Seconds per stage, in pipeline order. `communities`, `centrality` and `rings` run side
    /// by side, so their times overlap and the stages add up to more than `totalSeconds`.
    public var stageSeconds: [Stage]
    /// How communities, centrality and rings ran: "side by side" or "one after another"
    /// (`AnalysisSchedule`; depends on the machine's memory, so not in the case file).
    public var analysisSchedule: String?
    public var totalSeconds: Double
    /// Files this build wrote, relative to the output folder.
    public var outputs: [String]
    /// Problems that did not stop the build (a picture Graphviz could not draw, an input
    /// with no rows, an output folder others can read).
    public var warnings: [String]
    /// SHA-256 of every output but `build.json`, by path: a reader checks the files it reads
    /// against these (absent in manifests of older builds).
    public var outputSha256: [String: String]? = nil

    /// The manifest as pretty, key-sorted JSON.
    public func encoded() throws(BuildError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        do {
            var data = try encoder.encode(self)
            data.append(0x0A)
            return data
        } catch {
            throw .cannotWrite(path: "build.json", reason: "\(error)")
        }
    }

    /// Reads a manifest written by `encoded()`.
    public static func decode(_ data: Data) throws -> BuildManifest {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(BuildManifest.self, from: data)
    }
}
