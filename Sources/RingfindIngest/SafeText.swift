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

    /// C0 and C1 controls, DEL, and the Unicode bidirectional formatting characters
    /// (which can reorder what a reader sees: "Trojan Source", CVE-2021-42574).
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
            || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }
}
