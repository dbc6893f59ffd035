import ArgumentParser
import Foundation
import RingfindCase
import RingfindGraph
import RingfindLineEditor
import RingfindQuery

#if canImport(Glibc)
    import Glibc
#endif

extension ResultTable.Format: ExpressibleByArgument {}

/// `ringfind query [OUT] [-e COMMAND]…`: interrogate a finished build through its case file.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Ask questions of a finished build: suspects, rings, neighbours, events, evidence, SQL.",
        discussion: """
            Opens OUT/case.sqlite (written by `ringfind build`) read-only; nothing is re-analysed. \
            With -e, runs the given commands and exits (non-zero if any failed); when standard \
            input is not a terminal, reads one command per line; otherwise prompts. Type `help` \
            for the commands. Every command is appended to OUT/audit.log with a timestamp.
            """
    )

    @Argument(help: ArgumentHelp("The output folder of a build.", valueName: "out"), completion: .directory)
    var output: String = "Output"

    @Option(name: .short, help: ArgumentHelp("Run this command (repeatable) and exit.", valueName: "command"))
    var execute: [String] = []

    @Option(help: "Output format: table, csv or json.")
    var format: ResultTable.Format = .table

    func run() throws {
        let session: QuerySession
        session = try CommandFailure.reporting("query") { try QuerySession(folder: output, format: format) }
        session.terminal = isatty(1) != 0
        let interactive = execute.isEmpty && isatty(0) != 0
        if interactive { print("ringfind query on \(TextSafety.terminal(output))/case.sqlite — type help, or quit") }
        func handle(_ line: String) -> Bool {
            let (text, quit) = session.execute(line)
            if text.hasPrefix("error:") { FileHandleOutput.standardError(text) } else { print(text, terminator: "") }
            return quit
        }
        if !execute.isEmpty {
            for line in execute where handle(line) { break }
        } else if interactive {
            // Line editing, history kept in OUT/.query-history, tab completion of commands and ids.
            // History is kept only in a regular file: a planted link or FIFO is not followed.
            var history = output + "/.query-history"
            switch CaseFolder.kind(of: history) {
            case .missing, .file: break
            default:
                FileHandleOutput.standardError(
                    "ringfind query: \(TextSafety.terminal(history)) is not a regular file; history is not kept\n")
                history = "/dev/null"
            }
            let editor = LineEditor(historyPath: history, completions: session.completionWords())
            while let line = editor.readLine(prompt: "ringfind> ") {
                if handle(line) { break }
            }
        } else {
            while let line = readLine() {
                if handle(line) { break }
            }
        }
        if session.failed && !interactive { throw ExitCode.failure }
    }
}
