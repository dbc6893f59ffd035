import Foundation
import RingfindCase

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a build writes its outputs before publishing them as one case.
///
/// Creating it prepares the output folder (created owner-only, or group-readable), takes the
/// folder's build lock for the life of the value (a second build into the same folder fails at
/// once), finishes or undoes a publish that an earlier build left half done, and removes what
/// abandoned builds left. Outputs are written into `OUT/.ringfind/staging-PID/` (same file
/// system, so every move is a rename) and published by `CasePublisher` — whole or not at all.
/// Only files the build itself wrote are ever replaced or deleted.
public final class OutputStaging {
    /// The output folder.
    public let caseFolder: CaseFolder
    /// The staging folder's name inside `.ringfind`.
    public let stagingName: String
    /// Where this build writes until it publishes.
    public let stagingFolder: String
    private let buildLock: FileLock
    private var published = false

    /// The output folder, as given.
    public var folder: String { caseFolder.path }

    /// Prepares `folder` and a fresh staging folder in it.
    public init(folder: String, modes: CaseFolder.Modes = .ownerOnly) throws(BuildError) {
        caseFolder = CaseFolder(path: folder, modes: modes)
        do throws(CaseFolderError) {
            try caseFolder.prepare()
            guard let lock = try caseFolder.lock(.build, exclusive: true, create: true, wait: nil) else {
                throw CaseFolderError.busy(path: folder)
            }
            buildLock = lock
            try CasePublisher.recover(caseFolder)
        } catch {
            throw .output(error)
        }
        CasePublisher.removeLeftovers(caseFolder)
        OutputStaging.removeLegacyStaging(in: folder)
        stagingName = "staging-\(getpid())"
        stagingFolder = caseFolder.state(stagingName)
        try? FileManager.default.removeItem(atPath: stagingFolder)
        guard mkdir(stagingFolder, modes.folder) == 0 else {
            throw .cannotWrite(
                path: stagingFolder, reason: "cannot create the staging folder: \(String(cString: strerror(errno)))")
        }
        ActiveStaging.register(stagingFolder)
    }

    deinit {
        ActiveStaging.unregister(stagingFolder)
        if !published { try? FileManager.default.removeItem(atPath: stagingFolder) }
        withExtendedLifetime(buildLock) {}
    }

    /// The staging path of output `name` (a relative path such as `entities.csv`).
    public func stagedPath(_ name: String) -> String { stagingFolder + "/" + name }

    /// Writes `data` as output `name` in the staging folder.
    public func write(_ data: Data, as name: String) throws(BuildError) {
        do { try data.write(to: URL(fileURLWithPath: stagedPath(name))) } catch {
            throw .cannotWrite(path: stagedPath(name), reason: "\(error.localizedDescription)")
        }
    }

    /// Fails when any of `names` stands in the output folder but was not written by ringfind
    /// (checked before the work starts, and again when publishing).
    public func checkOwnership(of names: [String]) throws(BuildError) {
        do throws(CaseFolderError) {
            if let foreign = try CasePublisher.foreignFiles(names, in: caseFolder).first {
                throw CaseFolderError.notOwned(path: caseFolder.file(foreign))
            }
        } catch {
            throw .output(error)
        }
    }

    /// Gives the staged outputs `names` their permissions and publishes them as case
    /// `buildID`, replacing the previous case whole. `afterStep` sees each publish step's
    /// number (fault injection).
    public func publish(_ names: [String], buildID: String, afterStep: ((Int) -> Void)? = nil) throws(BuildError) {
        for name in names { _ = chmod(stagedPath(name), caseFolder.modes.file) }
        for parent in Set(names.map { ($0 as NSString).deletingLastPathComponent }.filter { !$0.isEmpty }) {
            _ = chmod(stagedPath(parent), caseFolder.modes.folder)
        }
        do {
            try ActiveStaging.publishing {
                try CasePublisher.publish(
                    names, staging: stagingName, buildID: buildID, in: caseFolder, afterStep: afterStep)
            }
        } catch let error as CaseFolderError {
            throw .output(error)
        } catch {
            throw .cannotWrite(path: folder, reason: "\(error)")
        }
        published = true
    }

    /// After a failed build, keeps one staged file (such as the rejected rows) in the output
    /// folder under `newName` and returns its path; `nil` when a file ringfind does not own
    /// already has that name (it is left alone).
    public func salvage(_ name: String, as newName: String) -> String? {
        _ = chmod(stagedPath(name), caseFolder.modes.file)
        return try? CasePublisher.keep(stagedPath(name), as: newName, in: caseFolder)
    }

    /// Removes staging folders left directly in the output folder by ringfind versions before
    /// `.ringfind/` (`.staging-PID`, `.staging-PID-previous-NAME`).
    static func removeLegacyStaging(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(".staging-") {
            let pid = name.dropFirst(".staging-".count).prefix { $0.isNumber }
            guard !pid.isEmpty, let number = Int32(pid), number != getpid() else { continue }
            if kill(number, 0) == 0 && !name.contains("-previous-") { continue }
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }
}

/// The staging folders of the builds running in this process, so that an interrupt (SIGINT,
/// SIGTERM) handler can remove them before the process ends. A publish in progress is let
/// finish first: the handler waits for it, so the folder holds a whole case either way.
public enum ActiveStaging {
    nonisolated(unsafe) private static var folders: Set<String> = []
    private static let lock = NSLock()

    static func register(_ folder: String) { lock.withLock { _ = folders.insert(folder) } }
    static func unregister(_ folder: String) { lock.withLock { _ = folders.remove(folder) } }

    /// Runs a publish with the registry locked, so an interrupt waits for it.
    static func publishing<R>(_ body: () throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// For a signal handler: waits for any publish to finish, removes every registered staging
    /// folder, and returns. The caller then ends the process.
    public static func removeAllForExit() {
        lock.lock()
        for folder in folders { try? FileManager.default.removeItem(atPath: folder) }
        folders.removeAll()
        // Left locked: nothing may start publishing while the process ends.
    }
}
