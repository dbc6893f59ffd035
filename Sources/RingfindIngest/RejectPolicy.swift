/// What to do with rejected rows: `--strict` stops at the first; otherwise the build goes on
/// unless a file rejects more rows than `--max-rejects` allows.
public struct RejectPolicy: Sendable, Equatable, CustomStringConvertible {
    /// The `--max-rejects` limit for each input file.
    public enum Limit: Sendable, Equatable {
        /// At most this many rejected rows per file.
        case count(Int)
        /// At most this percentage of a file's rows.
        case percent(Double)
    }

    public var strict: Bool
    public var limit: Limit

    /// The default: not strict, at most 1% of a file's rows rejected.
    public static let standard = RejectPolicy(strict: false, limit: .percent(1))

    public init(strict: Bool, limit: Limit) {
        self.strict = strict
        self.limit = limit
    }

    /// Parses a `--max-rejects` value: a whole number (`250`) or a percentage (`0.5%`).
    public static func parseLimit(_ text: String) -> Limit? {
        let trimmed = text.trimmingCharacters(in: " ")
        if trimmed.hasSuffix("%") {
            guard let value = Double(trimmed.dropLast()), value >= 0, value <= 100 else { return nil }
            return .percent(value)
        }
        guard let value = Int(trimmed), value >= 0 else { return nil }
        return .count(value)
    }

    /// Whether `rejected` of `rows` exceeds the limit.
    public func exceeded(rejected: Int, rows: Int) -> Bool {
        switch limit {
        case .count(let n): rejected > n
        case .percent(let p): Double(rejected) > Double(rows) * p / 100
        }
    }

    /// The limit as written on the command line.
    public var description: String {
        switch limit {
        case .count(let n): "\(n)"
        case .percent(let p): p == p.rounded() ? "\(Int(p))%" : "\(p)%"
        }
    }
}
