/// Splits a REPL line into words: whitespace separates, single or double quotes group (no
/// escapes inside single quotes; `\` escapes the next character elsewhere).
///
/// Works on Unicode scalars, not `Character`s: a combining mark typed after a space, a quote
/// or a backslash joins it in one `Character`, which would lose the mark (with the space) or
/// hide the quote.
enum CommandLineTokenizer {
    enum Failure: Error, CustomStringConvertible {
        case unterminatedQuote
        var description: String { "a quote is not closed" }
    }

    static func words(_ line: String) throws(Failure) -> [String] {
        var words: [String] = [], current = String.UnicodeScalarView(), inWord = false
        var quote: Unicode.Scalar? = nil
        var iterator = line.unicodeScalars.makeIterator()
        while let c = iterator.next() {
            if let q = quote {
                if c == q {
                    quote = nil
                } else if c == "\\" && q == "\"", let next = iterator.next() {
                    current.append(next)
                } else {
                    current.append(c)
                }
            } else if c == "'" || c == "\"" {
                quote = c
                inWord = true
            } else if c == "\\", let next = iterator.next() {
                current.append(next)
                inWord = true
            } else if c.properties.isWhitespace {
                if inWord {
                    words.append(String(current))
                    current = String.UnicodeScalarView()
                    inWord = false
                }
            } else {
                current.append(c)
                inWord = true
            }
        }
        guard quote == nil else { throw .unterminatedQuote }
        if inWord { words.append(String(current)) }
        return words
    }
}

/// Close matches for "did you mean …?" (Levenshtein distance).
enum Suggestions {
    static func closest(to word: String, among candidates: [String], limit: Int = 1) -> [String] {
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
            .filter { $0.1 <= max(2, word.count / 3) }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        return scored.prefix(limit).map(\.0)
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count), current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
