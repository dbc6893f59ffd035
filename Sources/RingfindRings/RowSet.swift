/// A set of row numbers of one log, as a bitmap: one bit per row, so marking the work of every
/// candidate's contacts costs rows / 8 bytes whatever the number of candidates.
struct RowSet {
    private var words: [UInt64]

    /// An empty set over rows 0..<rowCount.
    init(rowCount: Int) { words = [UInt64](repeating: 0, count: (rowCount + 63) / 64) }

    mutating func insert(_ row: Int) { words[row >> 6] |= 1 << UInt64(row & 63) }

    func contains(_ row: Int) -> Bool { words[row >> 6] & (1 << UInt64(row & 63)) != 0 }

    /// Adds every row of `other` (a set over the same rows).
    mutating func formUnion(_ other: RowSet) {
        precondition(other.words.count == words.count, "row sets over different logs")
        for i in words.indices { words[i] |= other.words[i] }
    }
}
