/// The average precision of a ranking of entities against a set of positives (the members of
/// the true rings), computed in one pass over the entities in any order while keeping only the
/// positives — so that `ringfind eval` needs no memory for the millions of other entities.
///
/// The ranking is the reference evaluation's (`RingEvaluation`, `eval_rings.py`): by score,
/// highest first, ties broken by id in ascending order. With the positives found at places
/// q₁ < q₂ < … (1-based), AP = (Σₖ k / qₖ) / |positives|; a positive missing from the ranking
/// adds nothing to the sum but counts in |positives|. A positive's place is one more than the
/// number of entities ranked before it, and an entity ranked before the k-th positive is ranked
/// before every later one too, so it is enough to count each entity once, at the first positive
/// it is ranked before (a binary search among the positives, sorted in ranking order); the
/// places are then running sums of those counts. The terms are added in ranking order, as the
/// reference adds them, so the result is the same double.
///
/// - Complexity: O(n log p) time for n entities and p positives found; O(p) memory.
struct RankedAveragePrecision {
    /// An entity's place in the ranking: its score and its id.
    struct Key {
        var score: Double
        var id: String

        /// Whether `self` is ranked before `other`: a higher score, or the same score and a smaller id.
        func ranksBefore(_ other: Key) -> Bool { score > other.score || (score == other.score && id < other.id) }
    }

    private let positives: [Key]
    /// `firstAhead[k]`: entities counted that are ranked before positive k but not before positive k − 1.
    private var firstAhead: [Int]
    private let totalPositives: Int

    /// - Parameters:
    ///   - found: the key of every positive that is in the ranking (ids distinct).
    ///   - totalPositives: how many positives there are, found or not.
    init(found: [Key], totalPositives: Int) {
        positives = found.sorted { $0.ranksBefore($1) }
        firstAhead = [Int](repeating: 0, count: positives.count)
        self.totalPositives = totalPositives
    }

    /// Counts one entity of the ranking (every entity exactly once, positives included).
    mutating func count(_ key: Key) {
        var low = 0
        var high = positives.count
        while low < high {
            let mid = (low + high) / 2
            if key.ranksBefore(positives[mid]) { high = mid } else { low = mid + 1 }
        }
        if low < positives.count { firstAhead[low] += 1 }
    }

    /// The average precision of the entities counted so far (1 without positives, as the reference).
    var value: Double {
        guard totalPositives > 0 else { return 1 }
        var ahead = 0
        var sum = 0.0
        for k in positives.indices {
            ahead += firstAhead[k]
            sum += Double(k + 1) / Double(ahead + 1)
        }
        return sum / Double(totalPositives)
    }
}
