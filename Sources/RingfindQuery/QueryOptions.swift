import ArgumentParser
import Foundation
import RingfindGraph

// What the query commands share: checks of their options, the `--limit` of every listing,
// and how times are shown and read.

/// The logs an option `--type` may name.
let eventTypes = ["communication", "payment", "access"]

/// Checks `--type`: one of the three logs.
func validateType(_ type: String?) throws {
    if let type, !eventTypes.contains(type) {
        throw ValidationError("--type \(type): expected one of \(eventTypes.joined(separator: ", "))")
    }
}

/// Checks a count option: a whole number ≥ 0.
func validateCount(_ value: Int, name: String) throws {
    if value < 0 { throw ValidationError("\(name) \(value): expected a whole number ≥ 0") }
}

/// Every listing takes `--limit N` (0: all) and `--all`. The SQL asks for one row more than it shows, so
/// the answer can say that it is cut short instead of looking complete.
struct RowLimit {
    let limit: Int

    init(limit: Int) { self.limit = limit }

    /// `--limit N`, unless `--all`.
    init(limit: Int, _ all: ShowAll) { self.limit = all.all ? 0 : limit }
    /// The value for SQL's `LIMIT ?` (−1 is SQLite's "no limit").
    var sql: Int { limit == 0 ? -1 : limit + 1 }
    /// The rows to show, and a note when more exist.
    func apply(_ rows: [[String]], what: String) -> (rows: [[String]], note: String?) {
        guard limit > 0, rows.count > limit else { return (rows, nil) }
        return (Array(rows.prefix(limit)), "showing the first \(limit) \(what); there are more (--all shows them all)")
    }
}

/// `--all` of every listing: show every row, whatever `--limit` says.
struct ShowAll: ParsableArguments {
    @Flag(help: "Show every row (the same as --limit 0).") var all = false
}

/// Notes joined for one answer.
func notes(_ parts: String?...) -> String? {
    let present = parts.compactMap { $0 }
    return present.isEmpty ? nil : present.joined(separator: "; ")
}

/// A time as ISO 8601 UTC for display; empty for `Timestamp.missing`.
func iso(_ milliseconds: Int64) -> String { iso(String(milliseconds)) }

/// Times as ISO 8601 UTC for display, to the second (`Timestamp.iso8601` of the whole second).
func iso(_ milliseconds: String) -> String {
    guard let ms = Int64(milliseconds) else { return milliseconds }
    guard ms != Timestamp.missing else { return "" }
    let fraction = ms % 1000  // floor to the second, also before 1970; wrapping, so no value traps
    return Timestamp.iso8601(fraction < 0 ? ms &- fraction &- 1000 : ms &- fraction)
}

/// A `--since/--until` bound: an ISO 8601 date or date-time, as milliseconds.
func parseBound(_ text: String, name: String) throws -> Int64 {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970 * 1000) }
    formatter.formatOptions = [.withFullDate]
    if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970 * 1000) }
    throw QueryError.invalid(
        "\(name) '\(TextSafety.terminal(text, limit: 40))': expected a date such as 2025-03-01 or 2025-03-01T10:00:00Z")
}
