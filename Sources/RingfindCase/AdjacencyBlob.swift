import RingfindGraph

/// One aggregated edge as seen from one of its ends: what `adjacency` holds for an entity.
public struct AdjacentEdge: Sendable, Equatable {
    /// Whether the entity is the edge's source (`out`) or its target (`in`).
    public enum Direction: UInt8, Sendable {
        case out = 0
        case `in` = 1
    }

    public var type: EdgeType
    public var direction: Direction
    /// The entity at the other end.
    public var neighbour: Int64
    /// Events aggregated.
    public var count: Int64
    /// Total amount (payments); `nil` for other types and for an amount that is not finite.
    public var amount: Double?
    /// Earliest and latest event time (ms since epoch, UTC), or `Timestamp.missing`.
    public var firstTime: Int64
    public var lastTime: Int64

    public init(
        type: EdgeType, direction: Direction, neighbour: Int64, count: Int64, amount: Double?, firstTime: Int64,
        lastTime: Int64
    ) {
        (self.type, self.direction, self.neighbour, self.count) = (type, direction, neighbour, count)
        (self.amount, self.firstTime, self.lastTime) = (amount, firstTime, lastTime)
    }

    /// The edge's source and target, seen from `entity` (the end it was read for).
    public func ends(seenFrom entity: Int64) -> (source: Int64, target: Int64) {
        direction == .out ? (entity, neighbour) : (neighbour, entity)
    }
}

/// The packed adjacency list of one entity, the value of `adjacency.edges`: a CSR slice of the
/// in-memory `MultiplexGraph`, every edge of the entity in both directions with everything the
/// edge aggregates, so one row read answers "who are its neighbours".
///
/// Layout (integers are unsigned LEB128 varints; "zigzag" maps signed to unsigned):
///
/// 1. one byte, the section mask: bit `2·type + direction` (types communication 0, payment 1,
///    access 2; direction out 0, in 1) is set when that section holds an edge;
/// 2. each present section in bit order: its edge count `n`, then `n` records
///    - the neighbour, as the gap from the previous record's (the first from 0), as the
///      32-bit two's-complement difference: CSR lists are sorted, so gaps are small;
///    - the event count;
///    - payments only: the amount, 8 bytes, IEEE 754 little-endian;
///    - the first time, zigzag of its difference from the previous record's (the first from
///      0), wrapping, so `Timestamp.missing` round-trips;
///    - the last time, zigzag of `last − first` (wrapping).
///
/// A self-loop is stored once, as an out-edge. Each edge is therefore stored twice (at its
/// source and at its target): about 10–12 bytes per edge end, 16 more per payment edge.
/// Encoding is exact: decoding gives back the graph's values bit for bit.
public enum AdjacencyBlob {
    /// Why a stored adjacency list could not be read (the file was changed or damaged).
    public struct Malformed: Error, Sendable, CustomStringConvertible {
        public let entity: Int64
        public let reason: String
        public var description: String { "the adjacency list of entity \(entity) is malformed (\(reason))" }
    }

    /// The edges of `entity` packed in `bytes`, section by section (communication out, in;
    /// payment out, in; access out, in), each by neighbour as the graph sorts them.
    ///
    /// - Complexity: O(bytes).
    public static func decode(_ bytes: UnsafeRawBufferPointer, entity: Int64) throws(Malformed) -> [AdjacentEdge] {
        var edges: [AdjacentEdge] = []
        guard let mask = bytes.first else { return edges }
        var reader = Reader(bytes: bytes, offset: 1)
        guard mask < 1 << (2 * EdgeType.allCases.count) else {
            throw Malformed(entity: entity, reason: "unknown sections")
        }
        do {
            for type in EdgeType.allCases {
                for direction in [AdjacentEdge.Direction.out, .in]
                where mask & (1 << (2 * type.rawValue + direction.rawValue)) != 0 {
                    let n = try reader.varint()
                    guard n <= UInt64(bytes.count) else { throw Reader.Failure.truncated }
                    edges.reserveCapacity(edges.count + Int(n))
                    var previous = Record.start
                    for _ in 0..<n {
                        previous.neighbour &+= Int32(truncatingIfNeeded: try reader.varint())
                        let count = Int64(bitPattern: try reader.varint())
                        let amount = type == .payment ? Double(bitPattern: try reader.word()) : nil
                        previous.firstTime &+= zigzagDecode(try reader.varint())
                        let lastTime = previous.firstTime &+ zigzagDecode(try reader.varint())
                        edges.append(
                            AdjacentEdge(
                                type: type, direction: direction, neighbour: Int64(previous.neighbour), count: count,
                                amount: amount.flatMap { $0.isFinite ? $0 : nil }, firstTime: previous.firstTime,
                                lastTime: lastTime))
                    }
                }
            }
        } catch {
            throw Malformed(entity: entity, reason: "\(error)")
        }
        guard reader.offset == bytes.count else {
            throw Malformed(entity: entity, reason: "bytes after the last section")
        }
        return edges
    }

    /// What a record is stored relative to: the previous record's neighbour and first time.
    struct Record {
        var neighbour: Int32
        var firstTime: Int64
        static let start = Record(neighbour: 0, firstTime: 0)
    }

    /// The most bytes one record takes: a 32-bit gap, three 64-bit varints and an amount.
    static let maxRecordBytes = 5 + 3 * 10 + 8

    @inline(__always)
    static func zigzagEncode(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }

    @inline(__always)
    static func zigzagDecode(_ u: UInt64) -> Int64 { Int64(bitPattern: u >> 1) ^ -Int64(bitPattern: u & 1) }

    /// Reads varints and words from a blob, refusing to run past its end.
    private struct Reader {
        enum Failure: Error, CustomStringConvertible {
            case truncated, overlong
            var description: String { self == .truncated ? "it ends inside a record" : "a number longer than 64 bits" }
        }
        let bytes: UnsafeRawBufferPointer
        var offset: Int

        mutating func varint() throws(Failure) -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard offset < bytes.count else { throw .truncated }
                let byte = bytes[offset]
                offset += 1
                guard shift < 64 else { throw .overlong }
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
        }

        mutating func word() throws(Failure) -> UInt64 {
            guard offset + 8 <= bytes.count else { throw .truncated }
            var value: UInt64 = 0
            for i in 0..<8 { value |= UInt64(bytes[offset + i]) << UInt64(8 * i) }
            offset += 8
            return value
        }
    }
}
