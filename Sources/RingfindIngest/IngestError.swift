import RingfindGraph

/// Problems that stop a build because an input as a whole cannot be read.
/// Problems with single rows are `RowRejection`s instead.
public enum IngestError: Error, CustomStringConvertible, Sendable {
    case folderMissing(path: String)
    case notAFolder(path: String)
    /// The input folder (or a link on the way to it) is a symbolic link loop.
    case symlinkLoop(path: String)
    /// The input folder cannot be opened (permissions, …).
    case unreadableFolder(path: String, reason: String)
    /// An input is not a regular file (a FIFO, a device, a folder, a dangling link): reading
    /// it could block forever or mean nothing.
    case notARegularFile(file: String, found: String)
    case noRecognisedFiles(folder: String, found: [String])
    case unreadableFile(file: String, reason: String)
    case emptyFile(file: String)
    case binaryFile(file: String, offset: Int)
    case malformedHeader(file: String, reason: String)
    case missingColumns(file: String, missing: [String], found: [String])
    case conflictingColumns(file: String, first: String, second: String, field: String)
    /// `--strict`: the first rejected row stops the build.
    case strictRejection(RowRejection)
    /// More rows were rejected than `--max-rejects` allows.
    case tooManyRejects(file: String, rejected: Int, rows: Int, limit: String)
    case tooManyEntities(file: String)
    /// Aliases that lead back to themselves; each row as `file:line`, alias and target.
    case aliasCycle(rows: [AliasTable.CycleRow])
    /// One alias given two different canonical ids.
    case conflictingAlias(alias: String, first: String, firstID: String, second: String, secondID: String)
    /// One resource given two different vendors.
    case conflictingResource(resource: String, first: String, firstVendor: String, second: String, secondVendor: String)
    /// Two names of one entity (an alias and its canonical id, or two aliases) declared with
    /// different kinds in the entities files.
    case aliasKindConflict(
        first: String, firstID: String, firstKind: String, second: String, secondID: String, secondKind: String,
        canonical: String, aliasRow: String)

    public var description: String {
        switch self {
        case .folderMissing(let path):
            return "input folder \(TextSafety.quoted(path)) does not exist"
        case .notAFolder(let path):
            return "\(TextSafety.quoted(path)) is not a folder; give the folder that holds the input files"
        case .symlinkLoop(let path):
            return
                "input folder \(TextSafety.quoted(path)) is a loop of symbolic links (each points, in the end, back to itself)"
        case .unreadableFolder(let path, let reason):
            return "input folder \(TextSafety.quoted(path)) cannot be opened: \(reason)"
        case .notARegularFile(let file, let found):
            return
                "\(TextSafety.terminal(file)): \(found), not a regular file; inputs must be regular files (or links to them)"
        case .noRecognisedFiles(let folder, let found):
            let expected =
                "entities, communications, payments, access (.csv or .jsonl; aliases and resources are optional)"
            let listing =
                found.isEmpty
                ? "it is empty"
                : "it holds " + found.prefix(8).map { TextSafety.quoted($0) }.joined(separator: ", ")
                    + (found.count > 8 ? " and \(found.count - 8) more" : "")
            return "no input file in \(TextSafety.quoted(folder)): expected \(expected); \(listing)"
        case .unreadableFile(let file, let reason):
            return "\(TextSafety.terminal(file)): cannot read: \(reason)"
        case .emptyFile(let file):
            return "\(TextSafety.terminal(file)): the file is empty (a header row is required)"
        case .binaryFile(let file, let offset):
            return
                "\(TextSafety.terminal(file)): not a text file (NUL byte at offset \(offset)); expected UTF-8 CSV or JSON Lines"
        case .malformedHeader(let file, let reason):
            return "\(TextSafety.terminal(file)):1: cannot read the header: \(reason)"
        case .missingColumns(let file, let missing, let found):
            let foundList = found.map { TextSafety.quoted($0, limit: 40) }.joined(separator: ", ")
            return "\(TextSafety.terminal(file)):1: missing required column\(missing.count > 1 ? "s" : "") "
                + missing.joined(separator: ", ") + "; the header has " + (found.isEmpty ? "no columns" : foundList)
        case .conflictingColumns(let file, let first, let second, let field):
            return
                "\(TextSafety.terminal(file)):1: columns \(TextSafety.quoted(first)) and \(TextSafety.quoted(second)) both mean '\(field)'; keep one"
        case .strictRejection(let rejection):
            return "\(rejection) (--strict stops at the first bad row)"
        case .tooManyRejects(let file, let rejected, let rows, let limit):
            return
                "\(TextSafety.terminal(file)): \(rejected) of \(rows) rows rejected, more than --max-rejects \(limit) allows"
        case .tooManyEntities(let file):
            return "\(TextSafety.terminal(file)): more than 2,147,483,647 distinct entities"
        case .aliasCycle(let rows):
            let first = rows.first
            let steps = rows.map {
                "\(TextSafety.terminal($0.file)):\($0.line): \(TextSafety.quoted($0.alias, limit: 40)) → \(TextSafety.quoted($0.id, limit: 40))"
            }
            return
                "\(first.map { "\(TextSafety.terminal($0.file)):\($0.line)" } ?? "aliases"): aliases form a cycle, so no id is canonical: "
                + steps.joined(separator: "; ") + "; remove one of these rows"
        case .conflictingAlias(let alias, let first, let firstID, let second, let secondID):
            return
                "\(TextSafety.terminal(second)): alias \(TextSafety.quoted(alias, limit: 40)) is given to \(TextSafety.quoted(secondID, limit: 40)), "
                + "but \(TextSafety.terminal(first)) gave it to \(TextSafety.quoted(firstID, limit: 40)); an alias names one entity"
        case .conflictingResource(let resource, let first, let firstVendor, let second, let secondVendor):
            return
                "\(TextSafety.terminal(second)): resource \(TextSafety.quoted(resource, limit: 40)) is given to vendor "
                + "\(TextSafety.quoted(secondVendor, limit: 40)), but \(TextSafety.terminal(first)) gave it to \(TextSafety.quoted(firstVendor, limit: 40))"
        case .aliasKindConflict(
            let first, let firstID, let firstKind, let second, let secondID, let secondKind, let canonical, let aliasRow
        ):
            return
                "\(TextSafety.terminal(second)): \(TextSafety.quoted(secondID, limit: 40)) is declared \(secondKind), but "
                + "\(TextSafety.terminal(first)) declared \(TextSafety.quoted(firstID, limit: 40)) \(firstKind), and both are names of "
                + "\(TextSafety.quoted(canonical, limit: 40))"
                + (aliasRow.isEmpty ? "" : " (alias at \(TextSafety.terminal(aliasRow)))")
                + "; one entity has one kind"
        }
    }
}
