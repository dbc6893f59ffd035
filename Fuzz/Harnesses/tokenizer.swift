/// Fuzzes the REPL's command line splitter (`CommandLineTokenizer`, compiled into this
/// harness from `Sources/RingfindQuery`): the input, decoded as UTF-8, is one typed line.
///
/// Invariants: a line is refused only when it has a quote character; no character other than
/// white space, quotes and backslashes is lost, added or reordered; a line without quotes or
/// backslashes splits exactly at white space; and any list of words, each quoted as a user
/// would, splits back into the same words.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenizer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let line = String(decoding: inputBytes(data, size), as: UTF8.self)
    let syntax: Set<Unicode.Scalar> = ["\"", "'", "\\"]
    let words: [String]
    do {
        words = try CommandLineTokenizer.words(line)
    } catch {
        require(line.unicodeScalars.contains { $0 == "\"" || $0 == "'" }, "\(line.debugDescription) refused without a quote: \(error)")
        return 0
    }
    func content(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { !$0.properties.isWhitespace && !syntax.contains($0) }
    }
    require(content(line) == content(words.joined()),
            "\(line.debugDescription) splits into \(words.map(\.debugDescription)): characters lost or added")
    if !line.unicodeScalars.contains(where: syntax.contains) {
        let plain = line.unicodeScalars.split { $0.properties.isWhitespace }.map { String(String.UnicodeScalarView($0)) }
        require(words == plain, "\(line.debugDescription) splits into \(words.map(\.debugDescription)), not at white space \(plain.map(\.debugDescription))")
    }
    // Quote each word as a user would: single quotes, or double quotes with \" and \\.
    for candidate in [words, line.unicodeScalars.split(separator: " ").map { String(String.UnicodeScalarView($0)) }] {
        let quoted = candidate.map { word -> String in
            guard word.unicodeScalars.contains("'") else { return "'" + word + "'" }
            var text = "\""
            for scalar in word.unicodeScalars {
                if scalar == "\"" || scalar == "\\" { text.unicodeScalars.append("\\") }
                text.unicodeScalars.append(scalar)
            }
            return text + "\""
        }.joined(separator: " ")
        let again = try? CommandLineTokenizer.words(quoted)
        require(again == candidate, "\(candidate.map(\.debugDescription)) quoted as \(quoted.debugDescription) splits into \(again.map { $0.map(\.debugDescription) } ?? ["(refused)"])")
    }
    return 0
}
