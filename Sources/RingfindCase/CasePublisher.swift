import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Publishes a staged case into its folder whole or not at all, and recovers a publish that
/// was interrupted (kill -9, power loss, a full disk).
///
/// A publish, under the exclusive `case.lock`, is this ordered sequence of steps:
///
/// 1. write the journal `.ringfind/publish.json` (its id, the staging folder, the new files,
///    the previous case's files) — atomically, by a rename;
/// 2. move each file of the previous case into `.ringfind/previous-ID/` (one rename each);
/// 3. move each new file from the staging folder into place (one rename each);
/// 4. **commit**: replace `.ringfind/owned.json` with the new file list and the journal's id
///    (one rename);
/// 5. remove the set-aside previous files, the staging folder, and last the journal.
///
/// Recovery (by the next build, or by a reader, under the same lock) reads the journal: if
/// `owned.json` carries the journal's id the publish committed and only step 5 is finished;
/// otherwise every new file already in place is moved back to the staging folder and every
/// previous file moved back from `previous-ID/`. Each recovery step is idempotent, so a
/// recovery that is itself interrupted is finished by the next one. Either way the folder then
/// holds one complete case: the previous one, or the new one.
///
/// Only files listed in `owned.json` are ever moved aside or deleted; publishing refuses to
/// put a file where a file ringfind does not own stands.
public enum CasePublisher {
    struct Journal: Codable, Sendable {
        var publish: String
        var staging: String
        var backup: String
        var newFiles: [String]
        var oldFiles: [String]
    }

    static let journalName = "publish.json"

    /// What a recovery did.
    public enum Recovery: Sendable, Equatable {
        /// The interrupted publish had not committed: the previous case is back.
        case rolledBack
        /// It had committed: its leftovers were removed.
        case rolledForward
    }

    /// Whether an interrupted (or running) publish left its journal.
    public static func isPending(_ folder: CaseFolder) -> Bool {
        CaseFolder.kind(of: folder.state(journalName)) != .missing
    }

    /// The paths among `files` where a file ringfind does not own stands (publishing them
    /// would replace it).
    public static func foreignFiles(_ files: [String], in folder: CaseFolder) throws(CaseFolderError) -> [String] {
        let owned = Set(try OwnedFiles.read(folder)?.all ?? [])
        return files.filter { CaseFolder.kind(of: folder.file($0)) != .missing && !owned.contains($0) }
    }

    /// Moves `files` (relative paths) from the staging folder `.ringfind/STAGING` into place
    /// as the case `buildID`, replacing the previous case. `afterStep` is called after each
    /// numbered step (for fault injection in tests). Takes the exclusive `case.lock`.
    public static func publish(
        _ files: [String], staging: String, buildID: String, in folder: CaseFolder,
        afterStep: ((Int) -> Void)? = nil
    ) throws(CaseFolderError) {
        guard let lock = try folder.lock(.publication, exclusive: true, create: true, wait: 120) else { return }
        defer { withExtendedLifetime(lock) {} }
        try recoverLocked(folder)
        let owned = try OwnedFiles.read(folder)
        let ownedSet = Set(owned?.all ?? [])
        for name in files {
            guard CaseFolder.isPlainRelativePath(name) else {
                throw .io(path: name, operation: "publish", reason: "not a plain relative path")
            }
            switch CaseFolder.kind(of: folder.file(name)) {
            case .missing: continue
            case .file, .symlink: if !ownedSet.contains(name) { throw .notOwned(path: folder.file(name)) }
            case .folder, .other: throw .notOwned(path: folder.file(name))
            }
        }
        for parent in Set(files.map { ($0 as NSString).deletingLastPathComponent }.filter { !$0.isEmpty }).sorted() {
            try CaseFolder.makeFolder(folder.file(parent), mode: folder.modes.folder, intermediate: false)
        }
        let token = UUID().uuidString.lowercased()
        var listed = Set<String>()
        let previous = (owned?.all ?? []).filter {
            guard listed.insert($0).inserted else { return false }
            let kind = CaseFolder.kind(of: folder.file($0))
            return kind == .file || kind == .symlink
        }
        let journal = Journal(
            publish: token, staging: staging, backup: "previous-" + token, newFiles: files, oldFiles: previous)
        var step = 0
        func done() {
            step += 1
            afterStep?(step)
        }
        do {
            let data = try JSONEncoder.snakeCase.encode(journal)
            try AtomicFile.replace(folder.state(journalName), with: data, mode: folder.modes.file)
        } catch let error as CaseFolderError {
            throw error
        } catch {
            throw .io(path: folder.state(journalName), operation: "write", reason: "\(error)")
        }
        done()
        do {
            let backup = folder.state(journal.backup)
            for name in previous {
                try move(folder.file(name), to: backup + "/" + name, mode: folder.modes.folder)
                done()
            }
            for name in files {
                try move(folder.state(staging) + "/" + name, to: folder.file(name), mode: folder.modes.folder)
                done()
            }
            syncFolders(folder, files)
            try OwnedFiles(publish: token, buildID: buildID, files: files, extras: []).write(to: folder)
            done()
        } catch {
            // Not committed: put the previous case back, then report.
            _ = try? recoverLocked(folder)
            throw error
        }
        try finish(journal, in: folder, afterStep: done)
    }

    /// Finishes or undoes an interrupted publish, under the exclusive `case.lock`; `nil` when
    /// there was none.
    @discardableResult
    public static func recover(_ folder: CaseFolder) throws(CaseFolderError) -> Recovery? {
        guard isPending(folder) else { return nil }
        guard let lock = try folder.lock(.publication, exclusive: true, create: true, wait: 120) else { return nil }
        defer { withExtendedLifetime(lock) {} }
        return try recoverLocked(folder)
    }

    @discardableResult
    static func recoverLocked(_ folder: CaseFolder) throws(CaseFolderError) -> Recovery? {
        let journalPath = folder.state(journalName)
        guard let data = FileManager.default.contents(atPath: journalPath) else { return nil }
        let journal: Journal
        do { journal = try JSONDecoder.snakeCase.decode(Journal.self, from: data) } catch {
            throw .corruptState(path: journalPath, reason: "not a publish journal")
        }
        guard (journal.newFiles + journal.oldFiles).allSatisfy(CaseFolder.isPlainRelativePath),
            !journal.staging.contains("/"), !journal.backup.contains("/")
        else {
            throw .corruptState(path: journalPath, reason: "a path leaves the folder")
        }
        if (try? OwnedFiles.read(folder))?.publish == journal.publish {
            try finish(journal, in: folder, afterStep: {})
            return .rolledForward
        }
        let staging = folder.state(journal.staging), backup = folder.state(journal.backup)
        for name in journal.newFiles
        where CaseFolder.kind(of: staging + "/" + name) == .missing
            && CaseFolder.kind(of: folder.file(name)) != .missing
        {
            try move(folder.file(name), to: staging + "/" + name, mode: folder.modes.folder)
        }
        for name in journal.oldFiles where CaseFolder.kind(of: backup + "/" + name) != .missing {
            try move(backup + "/" + name, to: folder.file(name), mode: folder.modes.folder)
        }
        syncFolders(folder, journal.oldFiles)
        try? FileManager.default.removeItem(atPath: backup)
        try? FileManager.default.removeItem(atPath: staging)
        guard unlink(journalPath) == 0 || errno == ENOENT else {
            throw .io(path: journalPath, operation: "remove", reason: CaseFolderError.reason())
        }
        return .rolledBack
    }

    /// Moves the file `source` into the folder as `name` and records it as owned (an extra:
    /// the next successful publish removes it). Refuses when a file ringfind does not own
    /// already has that name. Returns the new path.
    public static func keep(_ source: String, as name: String, in folder: CaseFolder) throws(CaseFolderError) -> String
    {
        guard let lock = try folder.lock(.publication, exclusive: true, create: true, wait: 120) else { return source }
        defer { withExtendedLifetime(lock) {} }
        try recoverLocked(folder)
        var owned = try OwnedFiles.read(folder) ?? OwnedFiles(publish: "none", buildID: "", files: [], extras: [])
        let kind = CaseFolder.kind(of: folder.file(name))
        guard kind == .missing || ((kind == .file || kind == .symlink) && owned.all.contains(name)) else {
            throw .notOwned(path: folder.file(name))
        }
        if !owned.extras.contains(name) {
            owned.extras.append(name)
            try owned.write(to: folder)
        }
        try move(source, to: folder.file(name), mode: folder.modes.folder)
        return folder.file(name)
    }

    /// Removes what a build left in `.ringfind` without a journal naming it: staging folders,
    /// set-aside previous files, temporary files. Call with the build lock held.
    public static func removeLeftovers(_ folder: CaseFolder) {
        guard !isPending(folder), let names = try? FileManager.default.contentsOfDirectory(atPath: folder.statePath)
        else { return }
        for name in names where name.hasPrefix("staging-") || name.hasPrefix("previous-") || name.hasSuffix(".tmp") {
            try? FileManager.default.removeItem(atPath: folder.state(name))
        }
    }

    /// Step 5: remove the set-aside previous case, the staging folder, then the journal.
    private static func finish(_ journal: Journal, in folder: CaseFolder, afterStep: () -> Void) throws(CaseFolderError)
    {
        try? FileManager.default.removeItem(atPath: folder.state(journal.backup))
        afterStep()
        try? FileManager.default.removeItem(atPath: folder.state(journal.staging))
        afterStep()
        guard unlink(folder.state(journalName)) == 0 || errno == ENOENT else {
            throw .io(path: folder.state(journalName), operation: "remove", reason: CaseFolderError.reason())
        }
        afterStep()
    }

    /// Renames `source` to `target`, creating `target`'s folder (inside `.ringfind` or the case
    /// folder) if needed.
    private static func move(_ source: String, to target: String, mode: mode_t) throws(CaseFolderError) {
        let parent = (target as NSString).deletingLastPathComponent
        if CaseFolder.kind(of: parent) == .missing {
            try CaseFolder.makeFolder(parent, mode: mode, intermediate: true)
        }
        guard rename(source, target) == 0 else {
            throw .io(path: target, operation: "move into place", reason: CaseFolderError.reason())
        }
    }

    /// Flushes the folders whose entries changed, so the renames reach the disk before the
    /// commit (best effort: a failure here costs durability after a power cut, not atomicity).
    private static func syncFolders(_ folder: CaseFolder, _ files: [String]) {
        let parents = Set(files.map { folder.file(($0 as NSString).deletingLastPathComponent) })
        for path in parents.union([folder.path]) {
            let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if fd >= 0 {
                fsync(fd)
                close(fd)
            }
        }
    }
}
