#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// A column of byte strings stored back to back in one arena (no `String` per row).
///
/// Used for high-cardinality text that is only read back for evidence, such as tickets.
///
/// - Complexity: `append` is amortised O(length); memory is the bytes plus 8 bytes a row.
public struct StringColumn: Sendable {
    private var arena: [UInt8] = []
    private var ends: [Int] = []

    public init() {}

    /// The number of rows.
    public var count: Int { ends.count }

    /// Appends the bytes of one row (an empty buffer appends an empty string).
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        arena.append(contentsOf: bytes)
        ends.append(arena.count)
    }

    /// Appends a row.
    public mutating func append(_ string: String) {
        arena.append(contentsOf: string.utf8)
        ends.append(arena.count)
    }

    /// Whether row `index` is empty.
    public func isEmpty(_ index: Int) -> Bool {
        (index == 0 ? 0 : ends[index - 1]) == ends[index]
    }

    /// Whether rows `i` and `j` hold the same bytes.
    public func equal(_ i: Int, _ j: Int) -> Bool {
        let si = i == 0 ? 0 : ends[i - 1], sj = j == 0 ? 0 : ends[j - 1]
        let length = ends[i] - si
        guard length == ends[j] - sj else { return false }
        guard length > 0 else { return true }
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + si, $0.baseAddress! + sj, length) == 0 }
    }

    /// A 64-bit FNV-1a hash of row `index`'s bytes (equal rows hash equal; compare with
    /// `equal` to rule out a collision).
    public func hash(_ index: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in (index == 0 ? 0 : ends[index - 1])..<ends[index] {
            h = (h ^ UInt64(arena[k])) &* 0x0000_0100_0000_01b3
        }
        return h
    }

    /// Row `index` as a `String`.
    public subscript(index: Int) -> String {
        let start = index == 0 ? 0 : ends[index - 1]
        return arena.withUnsafeBufferPointer { String(decoding: $0[start..<ends[index]], as: UTF8.self) }
    }

    /// Reserves room for `rows` more rows of about `bytesPerRow` bytes.
    public mutating func reserve(rows: Int, bytesPerRow: Int) {
        ends.reserveCapacity(ends.count + rows)
        arena.reserveCapacity(arena.count + rows * bytesPerRow)
    }
}
