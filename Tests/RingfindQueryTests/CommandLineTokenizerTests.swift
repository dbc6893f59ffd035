import Testing

@testable import RingfindQuery

/// The REPL's line splitter, including the cases the fuzzer (`Fuzz/run.sh … tokenizer`) found.
@Suite struct CommandLineTokenizerTests {
    @Test func quotesAndBackslashesGroupWords() throws {
        #expect(
            try CommandLineTokenizer.words(#"events "a b" 'c d' e\ f "x\"y" 'it\'"#) == [
                "events", "a b", "c d", "e f", "x\"y", "it\\",
            ])
        #expect(try CommandLineTokenizer.words("  ''\t\"\" ") == ["", ""])
        #expect(throws: CommandLineTokenizer.Failure.self) { try CommandLineTokenizer.words("show \"never closed") }
    }

    /// A combining mark after a space joined it in one whitespace `Character` and was lost.
    @Test func aCombiningMarkAfterASpaceIsKept() throws {
        #expect(try CommandLineTokenizer.words("a \u{301}b") == ["a", "\u{301}b"])
        #expect(try CommandLineTokenizer.words("a \u{200D}") == ["a", "\u{200D}"])
    }

    /// A combining mark after a quote hid the quote: `'\u{301}'` was refused as unclosed.
    @Test func aCombiningMarkAfterAQuoteOrBackslashKeepsItsMeaning() throws {
        #expect(try CommandLineTokenizer.words("'\u{301}' \"\u{301}x\"") == ["\u{301}", "\u{301}x"])
        #expect(try CommandLineTokenizer.words("\\\u{301}") == ["\u{301}"])
    }

    @Test func everyKindOfWhiteSpaceSeparates() throws {
        #expect(
            try CommandLineTokenizer.words("path\tX007\u{A0}E014\u{2003}--max-steps\r\n3") == [
                "path", "X007", "E014", "--max-steps", "3",
            ])
    }
}
