import Dispatch
import RingfindGraph

/// Packs the adjacency list of every entity of a graph (`AdjacencyBlob`'s layout), entity
/// after entity: what the case-file writer binds to `adjacency.edges`.
///
/// Entities are encoded in chunks, the next chunk on another thread while the caller stores
/// the current one, so encoding (bound by cache misses: an entity's in-edges lie all over the
/// edge arrays) and SQLite's writing overlap; the lists reach `body` in entity order either
/// way, so the file does not depend on the schedule. The CSR columns are taken once, before
/// the loop: taking `graph[type]` per entity cost more than the encoding.
///
/// - Complexity: O(entities + edges) time; two chunks in memory (at most
///   `AdjacencyBlob.maxRecordBytes` per edge end, about 15 MB each on the 8 M-edge world).
public enum AdjacencyEncoder {
    /// Calls `body` with each entity that has an edge, in id order, and its adjacency list
    /// (valid only inside `body`).
    public static func forEachList(
        of graph: MultiplexGraph, entitiesPerChunk: Int = 1 << 16,
        _ body: (Int32, UnsafeRawBufferPointer) throws -> Void
    ) rethrows {
        let columns = GraphColumns(graph)
        let n = graph.nodeCount, size = max(1, entitiesPerChunk)
        let chunks = stride(from: 0, to: n, by: size).map { Int32($0)..<Int32($0 + min(size, n - $0)) }
        guard let first = chunks.first else { return }
        var current = columns.encode(first)
        for k in chunks.indices {
            let next = ChunkSlot(), group = DispatchGroup()
            if k + 1 < chunks.count {
                let range = chunks[k + 1]
                DispatchQueue.global().async(group: group) { next.chunk = columns.encode(range) }
            }
            defer { group.wait() }  // also when `body` throws: the encoder thread is done before we return
            try current.forEachList(body)
            group.wait()
            current = next.chunk ?? Chunk()
        }
    }

    /// The adjacency lists of a range of entities, packed one after another.
    struct Chunk: Sendable {
        var bytes: [UInt8] = []
        /// The entities that have a list, and where each list ends in `bytes`.
        var entities: [Int32] = [], ends: [Int] = []

        func forEachList(_ body: (Int32, UnsafeRawBufferPointer) throws -> Void) rethrows {
            try bytes.withUnsafeBytes { all in
                var start = 0
                for (entity, end) in zip(entities, ends) {
                    try body(entity, UnsafeRawBufferPointer(rebasing: all[start..<end]))
                    start = end
                }
            }
        }
    }

    /// Where the encoder thread leaves the next chunk (read only after its group is done).
    private final class ChunkSlot: @unchecked Sendable {
        var chunk: Chunk?
    }

    /// The CSR columns of the three types.
    private struct GraphColumns: Sendable {
        let communication: Columns, payment: Columns, access: Columns

        init(_ graph: MultiplexGraph) {
            (communication, payment, access) = (
                Columns(graph.communications), Columns(graph.payments), Columns(graph.access)
            )
        }

        /// The lists of the entities in `range`; the section mask's bit 2·type + direction
        /// (types in `EdgeType` order).
        func encode(_ range: Range<Int32>) -> Chunk {
            var bound = 0
            for v in range {
                bound +=
                    1 + 6 * 10 + (communication.degree(of: v) + payment.degree(of: v) + access.degree(of: v))
                    * AdjacencyBlob.maxRecordBytes
            }
            var entities: [Int32] = [], ends: [Int] = []
            let bytes = [UInt8](unsafeUninitializedCapacity: bound) { storage, initialized in
                initialized = 0
                guard let base = storage.baseAddress else { return }
                var out = ByteWriter(base: base, count: 0)
                for v in range {
                    let start = out.count
                    out.count += 1
                    var mask: UInt8 = 0
                    if communication.encodeOut(of: v, to: &out) { mask |= 1 << 0 }
                    if communication.encodeIn(of: v, to: &out) { mask |= 1 << 1 }
                    if payment.encodeOut(of: v, to: &out) { mask |= 1 << 2 }
                    if payment.encodeIn(of: v, to: &out) { mask |= 1 << 3 }
                    if access.encodeOut(of: v, to: &out) { mask |= 1 << 4 }
                    if access.encodeIn(of: v, to: &out) { mask |= 1 << 5 }
                    guard mask != 0 else {
                        out.count = start
                        continue
                    }
                    base[start] = mask
                    entities.append(v)
                    ends.append(out.count)
                }
                initialized = out.count
            }
            return Chunk(bytes: bytes, entities: entities, ends: ends)
        }
    }

    /// The CSR columns of one edge type, held for the whole loop.
    private struct Columns: Sendable {
        let isPayment: Bool
        let outOffsets: [Int], inOffsets: [Int], inEdges: [Int32]
        let sources: [Int32], targets: [Int32], counts: [Int64], amounts: [Double], firstTimes: [Int64],
            lastTimes: [Int64]

        init(_ edges: TypedEdges) {
            isPayment = edges.type == .payment
            (outOffsets, inOffsets, inEdges) = (edges.outOffsets, edges.inOffsets, edges.inEdges)
            (sources, targets, counts, amounts) = (edges.sources, edges.targets, edges.counts, edges.amounts)
            (firstTimes, lastTimes) = (edges.firstTimes, edges.lastTimes)
        }

        @inline(__always)
        func degree(of v: Int32) -> Int {
            outOffsets[Int(v) + 1] - outOffsets[Int(v)] + inOffsets[Int(v) + 1] - inOffsets[Int(v)]
        }

        /// Writes the out-section of `v`; false (and nothing written) when it is empty.
        @inline(__always)
        func encodeOut(of v: Int32, to out: inout ByteWriter) -> Bool {
            let first = outOffsets[Int(v)], last = outOffsets[Int(v) + 1]
            guard last > first else { return false }
            out.varint(UInt64(last - first))
            var previous = AdjacencyBlob.Record.start
            for e in first..<last { append(e, neighbour: targets[e], after: &previous, to: &out) }
            return true
        }

        /// Writes the in-section of `v` (a self-loop is an out-edge only); false when empty.
        @inline(__always)
        func encodeIn(of v: Int32, to out: inout ByteWriter) -> Bool {
            let first = inOffsets[Int(v)], last = inOffsets[Int(v) + 1]
            var n = 0
            for i in first..<last where sources[Int(inEdges[i])] != v { n += 1 }
            guard n > 0 else { return false }
            out.varint(UInt64(n))
            var previous = AdjacencyBlob.Record.start
            for i in first..<last {
                let e = Int(inEdges[i])
                if sources[e] != v { append(e, neighbour: sources[e], after: &previous, to: &out) }
            }
            return true
        }

        @inline(__always)
        func append(_ e: Int, neighbour: Int32, after previous: inout AdjacencyBlob.Record, to out: inout ByteWriter) {
            out.varint(UInt64(UInt32(bitPattern: neighbour &- previous.neighbour)))
            out.varint(UInt64(bitPattern: counts[e]))
            if isPayment { out.word(amounts[e].bitPattern) }
            let time = firstTimes[e]
            out.varint(AdjacencyBlob.zigzagEncode(time &- previous.firstTime))
            out.varint(AdjacencyBlob.zigzagEncode(lastTimes[e] &- time))
            previous = AdjacencyBlob.Record(neighbour: neighbour, firstTime: time)
        }
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
