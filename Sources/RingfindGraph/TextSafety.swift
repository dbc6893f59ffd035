/// The one definition of characters that must never reach a terminal, DOT, SVG or HTML as they
/// are: C0 and C1 controls, DEL, and the Unicode bidirectional formatting characters (which
/// can reorder what a reader sees: "Trojan Source", CVE-2021-42574). Every writer of text from
/// the data escapes or drops them through this test.
public enum TextSafety {
    /// Whether `scalar` is a control or bidi formatting character (tab and newline included;
    /// writers that keep those handle them before asking).
    @inlinable
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
            || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }
}
