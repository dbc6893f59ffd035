import RingfindGraph

/// The period a case covers (`--since DATE --until DATE`): log rows dated outside it are
/// read and counted (`rows_outside_window`), but neither accepted nor rejected, so for every
/// log `rows_read = rows_accepted + rows_rejected + rows_outside_window`.
///
/// Bounds are half-open in milliseconds, `[start, end)`. `--since` is the first instant kept;
/// `--until` given as a date keeps that whole day (`--until 2025-03-31` ends at
/// 2025-04-01T00:00Z), given as a date-time keeps up to and including that instant. A row
/// without a timestamp cannot be placed outside the window and is kept. Entity, alias and
/// resource rows have no time and are never filtered.
public struct TimeWindow: Sendable, Equatable {
    /// First instant kept (ms since the epoch, UTC), or `nil` for no lower bound.
    public var start: Int64?
    /// First instant no longer kept, or `nil` for no upper bound.
    public var end: Int64?

    public init(start: Int64?, end: Int64?) {
        self.start = start
        self.end = end
    }

    /// Why a `--since` / `--until` value cannot be used.
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case badDate(option: String, value: String, detail: String)
        case empty(since: String, until: String)

        public var description: String {
            switch self {
            case .badDate(let option, let value, let detail):
                "\(option) \(TextSafety.quoted(value, limit: 40)): \(detail); expected a date such as 2025-01-01 or 2025-01-01T00:00:00Z"
            case .empty(let since, let until):
                "--since \(TextSafety.quoted(since, limit: 40)) is not before --until \(TextSafety.quoted(until, limit: 40)): the window holds no time"
            }
        }
    }

    /// The window of `--since` and `--until` as given on the command line (either may be absent).
    public static func parse(since: String?, until: String?) -> Result<TimeWindow?, Failure> {
        guard since != nil || until != nil else { return .success(nil) }
        var window = TimeWindow(start: nil, end: nil)
        if let since {
            switch TimestampParser.parse(since) {
            case .success(let ms): window.start = ms
            case .failure(let failure):
                return .failure(.badDate(option: "--since", value: since, detail: failure.detail))
            }
        }
        if let until {
            switch TimestampParser.parse(until) {
            case .success(let ms): window.end = isDateOnly(until) ? ms + 86_400_000 : ms + 1
            case .failure(let failure):
                return .failure(.badDate(option: "--until", value: until, detail: failure.detail))
            }
        }
        if let start = window.start, let end = window.end, start >= end {
            return .failure(.empty(since: since ?? "", until: until ?? ""))
        }
        return .success(window)
    }

    /// Whether a row dated `time` is kept. Undated rows (`Timestamp.missing`) are.
    /// - Complexity: O(1).
    @inline(__always)
    public func contains(_ time: Int64) -> Bool {
        if time == Timestamp.missing { return true }
        if let start, time < start { return false }
        if let end, time >= end { return false }
        return true
    }

    /// `YYYY-MM-DD` alone (no time of day): a whole day.
    static func isDateOnly(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: " \t")
        return trimmed.utf8.count == 10 && trimmed.utf8.filter { $0 == UInt8(ascii: "-") }.count == 2
    }

    /// The first instant kept, as ISO 8601 (for `build.json`), or `nil`.
    public var startText: String? { start.map(Timestamp.iso8601) }
    /// The first instant no longer kept, as ISO 8601, or `nil`.
    public var endText: String? { end.map(Timestamp.iso8601) }
}
