import Foundation
import RingfindIngest

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

    /// Wall time of one stage.
    public struct Stage: Codable, Sendable {
        public var stage: String
        public var seconds: Double
    }

    public var ringfindVersion: String
    public var commandLine: [String]
    public var parameters: Parameters
    public var inputs: [FileReport]
    /// Files in the input folder that are not inputs.
    public var ignoredFiles: [String]
    public var totals: Totals
    public var graph: GraphCounts
    public var stageSeconds: [Stage]
    public var totalSeconds: Double
    /// Files this build wrote, relative to the output folder.
    public var outputs: [String]

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
