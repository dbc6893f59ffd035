import RingfindGraph

/// Packs the adjacency lists of a graph's entities (`AdjacencyBlob`'s layout), one entity at a
/// time, into one reused buffer: what the case-file writer binds to `adjacency.edges`.
///
/// - Complexity: O(degree) per entity, no allocation once the buffer holds the largest list
///   (at most 43 bytes per edge end); on the 8 M-edge world about 0.3 s for all 16 M ends.
public struct AdjacencyEncoder {
    private let graph: MultiplexGraph
    private var buffer: [UInt8] = []

    public init(_ graph: MultiplexGraph) { self.graph = graph }

    /// Calls `body` with the adjacency list of `v`, valid only inside `body`; empty when `v`
    /// has no edge (the writer then stores no row).
    public mutating func withEncoded<R>(_ v: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var bound = 1
        for type in EdgeType.allCases {
            bound += 2 * 10 + (graph[type].outDegree(v) + graph[type].inDegree(v)) * AdjacencyBlob.maxRecordBytes
        }
        if buffer.count < bound { buffer = [UInt8](repeating: 0, count: max(bound, 2 * buffer.count, 4096)) }
        let graph = self.graph
        return try buffer.withUnsafeMutableBufferPointer { storage in
            var out = ByteWriter(base: storage.baseAddress!, count: 1)
            var mask: UInt8 = 0
            for type in EdgeType.allCases {
                let edges = graph[type]
                let out0 = edges.outOffsets[Int(v)], out1 = edges.outOffsets[Int(v) + 1]
                if out1 > out0 {
                    mask |= 1 << (2 * type.rawValue)
                    out.varint(UInt64(out1 - out0))
                    var previous = AdjacencyBlob.Record.start
                    for e in out0..<out1 { Self.append(e, neighbour: edges.targets[e], of: edges, after: &previous, to: &out) }
                }
                let in0 = edges.inOffsets[Int(v)], in1 = edges.inOffsets[Int(v) + 1]
                var ins = 0
                for i in in0..<in1 where edges.sources[Int(edges.inEdges[i])] != v { ins += 1 }  // a self-loop is an out-edge only
                if ins > 0 {
                    mask |= 1 << (2 * type.rawValue + 1)
                    out.varint(UInt64(ins))
                    var previous = AdjacencyBlob.Record.start
                    for i in in0..<in1 {
                        let e = Int(edges.inEdges[i])
                        let source = edges.sources[e]
                        if source != v { Self.append(e, neighbour: source, of: edges, after: &previous, to: &out) }
                    }
                }
            }
            storage[0] = mask
            return try body(UnsafeRawBufferPointer(start: storage.baseAddress, count: mask == 0 ? 0 : out.count))
        }
    }

    @inline(__always)
    private static func append(_ e: Int, neighbour: Int32, of edges: TypedEdges, after previous: inout AdjacencyBlob.Record,
                               to out: inout ByteWriter) {
        out.varint(UInt64(UInt32(bitPattern: neighbour &- previous.neighbour)))
        out.varint(UInt64(bitPattern: edges.counts[e]))
        if edges.type == .payment { out.word(edges.amounts[e].bitPattern) }
        let first = edges.firstTimes[e]
        out.varint(AdjacencyBlob.zigzagEncode(first &- previous.firstTime))
        out.varint(AdjacencyBlob.zigzagEncode(edges.lastTimes[e] &- first))
        previous = AdjacencyBlob.Record(neighbour: neighbour, firstTime: first)
    }

    /// Writes varints and words at the end of a buffer known to be large enough.
    private struct ByteWriter {
        let base: UnsafeMutablePointer<UInt8>
        var count: Int

        @inline(__always)
        mutating func varint(_ value: UInt64) {
            var v = value
            while v >= 0x80 {
                base[count] = UInt8(truncatingIfNeeded: v) | 0x80
                count += 1
                v >>= 7
            }
            base[count] = UInt8(v)
            count += 1
        }

        /// 8 bytes, little-endian.
        @inline(__always)
        mutating func word(_ value: UInt64) {
            UnsafeMutableRawPointer(base + count).storeBytes(of: value.littleEndian, as: UInt64.self)
            count += 8
        }
    }
}
