import ArgumentParser
import Foundation
import RingfindCase
import RingfindGraph

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An investigator's session over a finished build's case file: runs command lines, keeps
/// the audit log, formats results.
public final class QuerySession {
    public let store: CaseStore
    /// The build's output folder.
    public let folder: String
    public var format: ResultTable.Format
    /// Whether results go to a terminal (CSV then shows hidden characters as escapes).
    public var terminal = false
    private let auditPath: String
    private let auditLog: Int32
    /// Whether any command of the session failed (a scripted run then exits non-zero).
    public private(set) var failed = false

    /// Opens `folder/case.sqlite`.
    public init(folder: String, format: ResultTable.Format = .table) throws(CaseError) {
        store = try CaseStore(folder: folder)
        self.folder = folder
        self.format = format
        auditPath = folder + "/audit.log"
        auditLog = try QuerySession.openAuditLog(auditPath)
    }

    deinit { close(auditLog) }

    /// Opens `audit.log` for appending, owner-only, never through a symbolic link (one planted
    /// there would make the log write outside the case folder) and only if it is a regular file.
    static func openAuditLog(_ path: String) throws(CaseError) -> Int32 {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .audit(
                path: path,
                reason: errno == ELOOP
                    ? "it is a symbolic link, which ringfind does not follow" : String(cString: strerror(errno)))
        }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw .audit(path: path, reason: "not a regular file")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    /// Runs one command line and returns what to print (results or a one-line error), and
    /// whether the session should end.
    public func execute(_ line: String) -> (output: String, quit: Bool) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return ("", false) }
        guard audit(trimmed) else {
            return fail(
                "error: cannot append to \(auditPath): \(String(cString: strerror(errno))); the command was not run")
        }
        var words: [String]
        do { words = try CommandLineTokenizer.words(trimmed) } catch { return fail("error: \(error)") }
        let name = words[0].lowercased()
        if name == "sql" { words = [words[0]] + [QuerySession.statement(after: trimmed)].filter { !$0.isEmpty } }
        if name == "quit" || name == "exit" { return ("", true) }
        if name == "help" || name == "?" {
            if words.count > 1, let command = QueryCommands.named(words[1]) {
                return (command.helpMessage() + "\n", false)
            }
            return (QueryCommands.overview(), false)
        }
        guard let command = QueryCommands.named(name) else {
            let hint =
                Suggestions.closest(to: name, among: QueryCommands.names).first.map { "; did you mean '\($0)'?" } ?? ""
            return fail("error: unknown command '\(TextSafety.terminal(name, limit: 40))'\(hint) (type help)")
        }
        do {
            let parsed = try command.parse(Array(words.dropFirst()))
            let result = try parsed.run(in: self)
            if let note = result?.note, format != .table {
                FileHandle.standardError.write(Data(("note: " + TextSafety.terminal(note, limit: 400) + "\n").utf8))
            }
            return (result.map { $0.render(format, terminal: terminal) } ?? "", false)
        } catch let error as QueryError {
            return fail("error: \(error)")
        } catch let error as CaseError {
            return fail("error: \(error)")
        } catch {
            var message = command.fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            if message.lowercased().hasPrefix("error: ") { message = String(message.dropFirst(7)) }
            return fail("error: " + message)
        }
    }

    /// The SQL of a `sql` line exactly as typed after the command word, so quotes inside it
    /// (`where kind = 'vendor'`) reach SQLite; a statement given as one quoted word (the older
    /// way) is unquoted.
    static func statement(after line: String) -> String {
        let rest = String(line.drop { !$0.isWhitespace }.drop { $0.isWhitespace })
        if let first = rest.first, first == "\"" || first == "'",
            let words = try? CommandLineTokenizer.words(rest), words.count == 1
        {
            return words[0]
        }
        return rest
    }

    private func fail(_ message: String) -> (String, Bool) {
        failed = true
        return (TextSafety.terminal(message, limit: 4000) + "\n", false)
    }

    /// Appends `line` with a UTC timestamp to `audit.log` (investigators must show what they
    /// looked at); false if it could not be written.
    private func audit(_ line: String) -> Bool {
        let stamp = ISO8601DateFormatter().string(from: Date())
        let entry = Array((stamp + "\t" + line.replacingOccurrences(of: "\n", with: " ") + "\n").utf8)
        return entry.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = write(auditLog, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
    }

    /// Words for tab completion: command names, then entity ids (most suspicious first, at most `limit`).
    public func completionWords(limit: Int = 50_000) -> [String] {
        let ids = (try? store.rows("SELECT id FROM entities ORDER BY rank LIMIT ?", [limit]).rows.map { $0[0] }) ?? []
        return QueryCommands.names + ids
    }

    // MARK: - Lookups shared by commands

    /// The manifest's value for `key`, read once per session (a build fact).
    func manifest(_ key: String) throws -> String? {
        if let known = manifestValues[key] { return known }
        let value = try store.manifestValue(key)
        manifestValues[key] = value
        return value
    }
    private var manifestValues: [String: String?] = [:]

    /// Whether `events` keeps only the input rows touching a suspect (a case above the limit).
    func eventsKeptForSuspectsOnly() throws -> Bool {
        try manifest(CaseSchema.ManifestKey.eventsScope) == CaseSchema.scopeSuspects
    }

    /// When the case file did not store every input row of `entity` (it keeps only suspects'
    /// rows and `entity` is no suspect), why; nil when every row is there.
    func eventsNotStored(of entity: Int64, named id: String) throws -> EventsNotStored? {
        guard try eventsKeptForSuspectsOnly(),
            try store.rows("SELECT 1 FROM entities WHERE entity = ? AND role IS NULL", [entity]).rows.count == 1
        else { return nil }
        let limit =
            try manifest(CaseSchema.ManifestKey.wholeUpTo).flatMap { Int($0) }.map { "\(Self.grouped($0)) rows" }
            ?? "a size limit"
        let total =
            try manifest(CaseSchema.ManifestKey.eventRowCount).flatMap { Int($0) }.map {
                " (this case has \(Self.grouped($0)))"
            } ?? ""
        return EventsNotStored(
            id: TextSafety.terminal(id, limit: 60),
            reason:
                "the case keeps every input row only up to \(limit)\(total), above that only the rows that touch a suspect; "
                + "rebuild with --full-case")
    }

    /// The input rows of an entity that a large case file did not store, and why.
    struct EventsNotStored {
        let id: String
        let reason: String
        /// The error when none of its rows was stored.
        var none: String { "events of \(id) were not stored: \(reason)" }
        /// The note when only its rows with suspects were.
        var some: String { "only the rows of \(id) that touch a suspect were stored: \(reason)" }
    }

    /// The stored rows of an entity whose events were not all stored: the rows with a note
    /// saying what is missing, or, when none was stored, an error saying so.
    static func storedRows(_ rows: [[String]], notStored: EventsNotStored?) throws -> (rows: [[String]], note: String?)
    {
        guard let notStored else { return (rows, nil) }
        guard !rows.isEmpty else { throw QueryError.notStored(notStored.none) }
        return (rows, notStored.some)
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ n: Int) -> String { NumberText.grouped(n) }

    /// The dense id of an entity given by its id or an alias, or an error with a suggestion.
    func entity(_ id: String) throws -> Int64 { try QuerySession.entity(id, in: store) }

    /// The dense id of the entity `id` names (its id, or an alias of it), or an error with a suggestion.
    static func entity(_ id: String, in store: CaseStore) throws -> Int64 {
        if let row = try store.rows("SELECT entity FROM entities WHERE id = ?", [id]).rows.first, let e = Int64(row[0])
        {
            return e
        }
        // Another name of an entity (aliases files): the entity it names.
        if let row = try store.rows("SELECT entity FROM aliases WHERE alias = ?", [id]).rows.first,
            let e = Int64(row[0])
        {
            return e
        }
        let prefix = String(id.prefix(2)).replacingOccurrences(of: "%", with: "").replacingOccurrences(
            of: "_", with: "")
        let candidates = try store.rows("SELECT id FROM entities WHERE id LIKE ? LIMIT 5000", [prefix + "%"]).rows.map {
            $0[0]
        }
        let hint =
            Suggestions.closest(to: id, among: candidates).first.map {
                "; did you mean '\(TextSafety.terminal($0, limit: 60))'?"
            } ?? ""
        throw QueryError.unknownEntity(id: id, hint: hint)
    }
}

/// A command's failure, shown as one line.
public enum QueryError: Error, CustomStringConvertible {
    case unknownEntity(id: String, hint: String)
    case unknownRing(Int)
    case invalid(String)
    /// The case file did not store what was asked (the input rows of a non-suspect in a case
    /// above the size limit): the message says so and how to keep them.
    case notStored(String)

    public var description: String {
        switch self {
        case .unknownEntity(let id, let hint): "no entity '\(TextSafety.terminal(id, limit: 60))'\(hint)"
        case .unknownRing(let ring): "no ring \(ring) (see `rings`)"
        case .invalid(let message): message
        case .notStored(let message): message
        }
    }
}
