import ArgumentParser
import Foundation
import RingfindGraph

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One self-overwriting status line on stderr, used only when stderr is a terminal.
final class TerminalProgress: @unchecked Sendable {
    private var lastLength = 0
    private var lastUpdate = Date.distantPast

    /// A progress line if stderr is a terminal, otherwise `nil`.
    static func ifInteractive() -> TerminalProgress? { isatty(2) != 0 ? TerminalProgress() : nil }

    /// Replaces the status line (at most ten times a second).
    func update(_ text: String) {
        let now = Date()
        guard now.timeIntervalSince(lastUpdate) > 0.1 else { return }
        lastUpdate = now
        let padded = text.padding(toLength: max(text.count, lastLength), withPad: " ", startingAt: 0)
        FileHandleOutput.standardError("\r" + padded)
        lastLength = text.count
    }

    /// Removes the status line.
    func clear() {
        guard lastLength > 0 else { return }
        FileHandleOutput.standardError("\r" + String(repeating: " ", count: lastLength) + "\r")
        lastLength = 0
    }
}

/// Writing to stderr without buffering surprises.
enum FileHandleOutput {
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// `ringfind COMMAND: error: MESSAGE` on stderr, on one line: every error message passes
    /// through the one terminal-safety function here (idempotent on text already made safe).
    static func error(_ command: String, _ message: String) {
        standardError("ringfind \(command): error: " + TextSafety.terminal(message, limit: 4000) + "\n")
    }
}

/// The one way a command fails: `ringfind COMMAND: error: MESSAGE` on standard error (through
/// `FileHandleOutput.error`), then exit status 1. Argument errors are ArgumentParser's (64).
enum CommandFailure {
    /// Prints `message` for `command` and gives the exit code to throw.
    static func exit(_ command: String, _ message: String) -> ExitCode {
        FileHandleOutput.error(command, message)
        return .failure
    }

    /// Runs `body`; any error but an exit code already chosen is printed for `command` (after
    /// `cleanUp`, e.g. clearing a progress line) and becomes exit status 1.
    static func reporting<T>(_ command: String, cleanUp: () -> Void = {}, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let chosen as ExitCode {
            throw chosen
        } catch {
            cleanUp()
            throw exit(command, "\(error)")
        }
    }
}
