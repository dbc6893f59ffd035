/// The one decimal form of a floating-point number in ringfind's files and answers: CSV
/// reports, the case file's query results and option descriptions such as type weights.
public enum NumberText {
    /// `1234567` as `1,234,567` (thousands separated by commas, for a terminal).
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// `value` in the shortest text that reads back as the same double: a whole number below
    /// 10¹⁵ without a decimal point (`3`, `-12`), any other value in Swift's shortest
    /// round-trip form (`12.5`, `0.1`, `1e-07`, `1e+16`). Callers decide how NaN and infinity
    /// are shown; here they come out as Swift prints them (`nan`, `inf`).
    ///
    /// - Complexity: O(1).
    public static func shortest(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}
