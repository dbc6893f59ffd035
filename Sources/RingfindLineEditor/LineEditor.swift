import CEditLine
import Foundation

/// Interactive line input through libedit (BSD licence): line editing, history kept across
/// sessions in a file, and tab completion from a word list supplied by the caller.
///
/// This is the only file that touches libedit. libedit keeps global state, so there is one
/// editor per process; the completion words live in a process-wide list that the C callback
/// reads (this target is compiled in Swift 5 mode because libedit's globals are plain C vars).
public final class LineEditor {
    private let historyPath: String
    private static var words: [String] = []
    private static var matches: [String] = []

    /// - Parameters:
    ///   - historyPath: where history is read from and written to.
    ///   - completions: called for each completion with the word typed so far; returns candidates.
    public init(historyPath: String, completions: [String]) {
        self.historyPath = historyPath
        LineEditor.words = completions
        _ = read_history(historyPath)
        rl_attempted_completion_function = { text, _, _ in
            let prefix = text.map { String(cString: $0) } ?? ""
            LineEditor.matches = LineEditor.words.filter { $0.hasPrefix(prefix) }
            rl_attempted_completion_over = 1
            guard !LineEditor.matches.isEmpty else { return nil }
            return rl_completion_matches(text) { _, state in
                guard Int(state) < LineEditor.matches.count else { return nil }
                return strdup(LineEditor.matches[Int(state)])
            }
        }
    }

    /// Reads a line with `prompt`; `nil` at end of input (Ctrl-D).
    public func readLine(prompt: String) -> String? {
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        let line = String(cString: raw)
        if !line.trimmingCharacters(in: .whitespaces).isEmpty {
            add_history(raw)
            _ = write_history(historyPath)
        }
        return line
    }
}
