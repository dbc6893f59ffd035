import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes a build's outputs appear all at once, or not at all.
///
/// Everything is written into a hidden staging folder inside the output folder
/// (`.staging-PID`, same file system, so renames are atomic). Only when the whole build has
/// succeeded is each file renamed over its old version, `build.json` last: a reader that
/// sees a new `build.json` sees the new files. A failed or interrupted build leaves every
/// previous output as it was; its staging folder is removed now or, after a crash, by the
/// next build. Files in the output folder that a build does not write (an audit log, a
/// `.gitignore`) are never touched.
public final class OutputStaging {
    /// The output folder.
    public let folder: String
    /// Where this build writes until it commits.
    public let stagingFolder: String
    private var committed = false

    /// Creates the output folder if needed and a fresh staging folder inside it.
    public init(folder: String) throws(BuildError) {
        self.folder = folder
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .cannotWrite(path: folder, reason: "it exists and is not a folder") }
        } else {
            do { try fm.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw .cannotWrite(path: folder, reason: "cannot create the folder")
            }
        }
        OutputStaging.removeAbandonedStaging(in: folder)
        stagingFolder = folder + "/.staging-\(getpid())"
        try? fm.removeItem(atPath: stagingFolder)
        do { try fm.createDirectory(atPath: stagingFolder, withIntermediateDirectories: true) } catch {
            throw .cannotWrite(path: stagingFolder, reason: "cannot create the staging folder")
        }
    }

    deinit {
        if !committed { try? FileManager.default.removeItem(atPath: stagingFolder) }
    }

    /// The staging path of output `name` (a relative path such as `entities.csv`).
    public func stagedPath(_ name: String) -> String { stagingFolder + "/" + name }

    /// The final path of output `name`.
    public func finalPath(_ name: String) -> String { folder + "/" + name }

    /// Writes `data` as output `name` in the staging folder.
    public func write(_ data: Data, as name: String) throws(BuildError) {
        do { try data.write(to: URL(fileURLWithPath: stagedPath(name))) } catch {
            throw .cannotWrite(path: stagedPath(name), reason: "\(error.localizedDescription)")
        }
    }

    /// Moves the staged outputs `names` into the output folder, in order (put the manifest
    /// last), each by an atomic rename, then removes the staging folder.
    /// A folder (such as `rings`) replaces the previous folder of that name as a whole.
    public func commit(_ names: [String]) throws(BuildError) {
        for name in names {
            let target = finalPath(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: stagedPath(name), isDirectory: &isDirectory), isDirectory.boolValue,
               FileManager.default.fileExists(atPath: target) {
                let previous = stagingFolder + "-previous-" + name
                guard rename(target, previous) == 0 else { throw .cannotWrite(path: target, reason: String(cString: strerror(errno))) }
                defer { try? FileManager.default.removeItem(atPath: previous) }
                guard rename(stagedPath(name), target) == 0 else {
                    _ = rename(previous, target)
                    throw .cannotWrite(path: target, reason: String(cString: strerror(errno)))
                }
                continue
            }
            guard rename(stagedPath(name), target) == 0 else {
                throw .cannotWrite(path: target, reason: String(cString: strerror(errno)))
            }
        }
        committed = true
        try? FileManager.default.removeItem(atPath: stagingFolder)
    }

    /// After a failed build, keeps one staged file (such as the rejected rows) next to the
    /// previous outputs under another name, and returns its path.
    public func salvage(_ name: String, as newName: String) -> String? {
        let target = finalPath(newName)
        return rename(stagedPath(name), target) == 0 ? target : nil
    }

    /// Removes staging folders of builds whose process is gone.
    static func removeAbandonedStaging(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        // Set-aside previous folders (`.staging-PID-previous-NAME`) never parse as a PID, so they go too.
        for name in names where name.hasPrefix(".staging-") {
            if let pid = Int32(name.dropFirst(".staging-".count)), pid != getpid(), kill(pid, 0) == 0 { continue }
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }
}
