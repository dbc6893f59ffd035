import RingfindGraph
import Testing

/// The one terminal-safety function and the definition of hidden and invisible characters.
@Suite struct TextSafetyTests {
    @Test func controlAndBidiCharactersAreShownAsVisibleEscapes() {
        #expect(TextSafety.terminal("a\u{1B}[31mb\u{07}") == "a\\u{1b}[31mb\\u{7}")
        #expect(TextSafety.terminal("evil\u{202E}txt.exe") == "evil\\u{202e}txt.exe")
        #expect(TextSafety.terminal("c1\u{9B}31m") == "c1\\u{9b}31m")
        #expect(TextSafety.terminal("two\nlines\tand\r") == "two\\nlines\\tand\\r")
        #expect(TextSafety.quoted("x\u{2066}y") == "'x\\u{2066}y'")
    }

    @Test func makingTextSafeTwiceChangesNothing() {
        let hostile = "path/\u{1B}]0;title\u{07}\\n\u{202E}\n"
        let once = TextSafety.terminal(hostile)
        #expect(TextSafety.terminal(once) == once)
        #expect(!once.unicodeScalars.contains { TextSafety.isHidden($0) })
    }

    @Test func longTextIsCut() {
        #expect(TextSafety.terminal(String(repeating: "x", count: 10), limit: 4) == "xxxx…")
    }

    @Test func invisibleCharactersIncludeSpacesAndZeroWidthOnes() {
        for scalar: Unicode.Scalar in [
            "\u{A0}", "\u{200B}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{202E}", "\u{3000}", "\u{AD}", " ",
        ] {
            #expect(TextSafety.isInvisible(scalar), "U+\(String(scalar.value, radix: 16))")
        }
        for scalar: Unicode.Scalar in ["a", "é", "中", "-", "0"] { #expect(!TextSafety.isInvisible(scalar)) }
    }
}
