import RingfindGraph

/// Makes text from the data safe to show: no control characters, no bidirectional
/// overrides, bounded length. Used for every value that reaches a terminal or a message.
public enum SafeText {
    /// `text` with control and bidi-control characters escaped as `\u{…}`, newlines and tabs
    /// as `\n`, `\t`, and cut to `limit` characters with `…`.
    public static func terminal(_ text: String, limit: Int = 200) -> String {
        var out = ""
        var n = 0
        for scalar in text.unicodeScalars {
            if n >= limit { out += "…"; break }
            n += 1
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\\": out += "\\\\"
            default:
                if isUnsafe(scalar) {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// `text` made safe and put in single quotes.
    public static func quoted(_ text: String, limit: Int = 60) -> String {
        "'" + terminal(text, limit: limit) + "'"
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool { TextSafety.isHidden(scalar) }
}
