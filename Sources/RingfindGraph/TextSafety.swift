/// The one definition of characters that must never reach a terminal, DOT, SVG or HTML as they
/// are — C0 and C1 controls, DEL, and the Unicode bidirectional formatting characters (which
/// can reorder what a reader sees: "Trojan Source", CVE-2021-42574) — and the one function
/// that makes text safe for a terminal. Every writer of text from the data escapes or drops
/// them through this test; every message and query result shown on a terminal goes through
/// `terminal(_:limit:)`.
public enum TextSafety {
    /// Whether `scalar` is a control or bidi formatting character (tab and newline included;
    /// writers that keep those handle them before asking).
    @inlinable
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
            || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// Whether `scalar` shows nothing: a hidden character, white space of any kind (NBSP,
    /// ideographic space, …) or a default-ignorable code point (zero-width space and joiners,
    /// word joiner, byte order mark, soft hyphen, …).
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        isHidden(scalar) || scalar.properties.isWhitespace || scalar.properties.isDefaultIgnorableCodePoint
    }

    /// `text` safe for a terminal: newline, carriage return and tab shown as `\n`, `\r`, `\t`,
    /// every other hidden character as `\u{…}`, cut to `limit` characters with `…`.
    ///
    /// Backslashes are kept as they are, so the function is idempotent: text already made
    /// safe passes unchanged, and a whole message can be passed through again where it is
    /// printed.
    public static func terminal(_ text: String, limit: Int = 200) -> String {
        var out = ""
        var n = 0
        for scalar in text.unicodeScalars {
            if n >= limit {
                out += "…"
                break
            }
            n += 1
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if isHidden(scalar) {
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
}
