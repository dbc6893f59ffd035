import RingfindGraph

/// Builds DOT text in which nothing from the data can break out of a quoted string.
///
/// Node names are generated (`n0`, `n1`, …), never taken from the data. Every attribute value
/// is written as a quoted string by `DOTWriter.quoted`: backslashes and quotes are escaped (so
/// Graphviz escape sequences such as `\N` or `\G` cannot be smuggled in), line breaks become
/// `\n`, control and bidirectional-override characters are dropped, and `&`, `<`, `>` become
/// character entities so that the SVG Graphviz writes stays well-formed whatever the text.
/// Labels are cut to `labelLimit` characters, tooltips to `tooltipLimit`.
public struct DOTWriter {
    public static let labelLimit = 48
    public static let tooltipLimit = 1500

    private var lines: [String] = []
    private var indent = 1

    public init(name: String = "G", directed: Bool = true, attributes: [String: String] = [:]) {
        lines.append("\(directed ? "digraph" : "graph") \(name) {")
        if !attributes.isEmpty { lines.append("  graph " + DOTWriter.attributeList(attributes) + ";") }
    }

    /// Default attributes for all nodes or all edges (`kind` is `node` or `edge`).
    public mutating func defaults(_ kind: String, _ attributes: [String: String]) {
        append("\(kind) " + DOTWriter.attributeList(attributes) + ";")
    }

    /// A node statement; `name` must already be a DOT id (`DOTWriter.quoted`).
    public mutating func node(_ name: String, _ attributes: [String: String]) {
        append("\(name) " + DOTWriter.attributeList(attributes) + ";")
    }

    /// An edge statement (`->`, or `--` when not `directed`) between two DOT ids.
    public mutating func edge(_ from: String, _ to: String, directed: Bool = true, _ attributes: [String: String]) {
        append("\(from) \(directed ? "->" : "--") \(to) " + DOTWriter.attributeList(attributes) + ";")
    }

    /// A cluster subgraph; `body` adds its contents.
    public mutating func cluster(_ name: String, _ attributes: [String: String], _ body: (inout DOTWriter) -> Void) {
        append("subgraph cluster_\(name) {")
        indent += 1
        if !attributes.isEmpty { append("graph " + DOTWriter.attributeList(attributes) + ";") }
        body(&self)
        indent -= 1
        append("}")
    }

    /// The finished DOT text.
    public func text() -> String { (lines + ["}"]).joined(separator: "\n") + "\n" }

    private mutating func append(_ line: String) { lines.append(String(repeating: "  ", count: indent) + line) }

    /// `[a="1", b="2"]` with keys sorted (stable output).
    static func attributeList(_ attributes: [String: String]) -> String {
        "["
            + attributes.keys.sorted().map {
                "\($0)=\(quoted(attributes[$0]!, limit: $0 == "tooltip" ? tooltipLimit : labelLimit * 8))"
            }
            .joined(separator: ", ") + "]"
    }

    /// `text` as a safe DOT quoted string.
    public static func quoted(_ text: String, limit: Int = labelLimit) -> String {
        var out = "\""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                out += "…"
                break
            }
            count += 1
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default:
                if TextSafety.isHidden(scalar) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A label cut to `labelLimit` characters (before quoting), for display.
    public static func short(_ text: String, limit: Int = labelLimit) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
