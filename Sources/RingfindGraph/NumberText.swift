/// The one decimal form of a floating-point number in ringfind's files and answers: CSV
/// reports, the case file's query results and option descriptions such as type weights.
public enum NumberText {
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
