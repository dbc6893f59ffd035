import Foundation
import RingfindCommunity
import RingfindGraph

/// `ringfind bench communities`: times Leiden or Louvain on an edge-list graph, excluding
/// loading, and reports modularity, community count and peak memory.
public enum CommunityBenchmark {
    /// One timed run.
    public struct Run: Sendable {
        public var seconds: Double
        public var modularity: Double
        public var communities: Int
        public var partition: Partition
        public var iterations: Int
        public var levels: Int
    }

    /// Runs `algorithm` `repeats` times with seeds `seed, seed + 1, …`.
    public static func run(
        graph: WeightedGraph, algorithm: CommunityAlgorithm, resolution: Double, seed: UInt64,
        repeats: Int
    ) -> [Run] {
        (0..<repeats).map { i in
            let started = DispatchTime.now().uptimeNanoseconds
            let result = algorithm.run(on: graph, resolution: resolution, seed: seed &+ UInt64(i))
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            return Run(
                seconds: seconds, modularity: result.modularity, communities: result.partition.count,
                partition: result.partition,
                iterations: result.iterations, levels: result.levels)
        }
    }
}
