import Foundation

/// Numbers in reasons.
enum Format {
    /// Whole days without a fraction, else one decimal.
    static func days(_ milliseconds: Int64) -> String {
        let days = Double(milliseconds) / 86_400_000
        return days == days.rounded() ? String(Int(days)) : String(format: "%.1f", days)
    }

    /// A count or expected count: whole numbers as such, else two decimals.
    static func count(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.2f", value)
    }

    static func amount(_ value: Double) -> String {
        value.isFinite && abs(value) < 1e15 ? String(Int(value.rounded())) : String(value)
    }

    /// A p-value in two significant digits (`3.2e-07`), or `< 1e-300`.
    static func pValue(_ p: Double) -> String {
        if p < 1e-300 { return "< 1e-300" }
        return p >= 0.01 ? String(format: "%.2f", p) : String(format: "%.1e", p)
    }
}
