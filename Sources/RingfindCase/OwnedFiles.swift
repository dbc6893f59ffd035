import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `OUT/.ringfind/owned.json`: the files ringfind wrote into the folder and may therefore
/// replace or delete — the published case, and files kept from failed builds. Anything else
/// in the folder belongs to someone else.
public struct OwnedFiles: Codable, Sendable, Equatable {
    /// The publish that wrote this record (a fresh token per publish: the commit mark).
    public var publish: String
    /// The build id of the published case.
    public var buildId: String
    /// The files of the published case, relative to the folder.
    public var files: [String]
    /// Other files ringfind wrote (`rejected-failed-build.csv`); a successful publish removes them.
    public var extras: [String]

    public init(publish: String, buildID: String, files: [String], extras: [String]) {
        self.publish = publish
        self.buildId = buildID
        self.files = files
        self.extras = extras
    }

    /// Every owned path.
    public var all: [String] { files + extras.filter { !files.contains($0) } }

    static let name = "owned.json"

    /// The record of `folder`. A folder written before this bookkeeping existed has none;
    /// then the files its `build.json` lists (and `build.json`) are taken as owned.
    public static func read(_ folder: CaseFolder) throws(CaseFolderError) -> OwnedFiles? {
        let path = folder.state(name)
        if let data = FileManager.default.contents(atPath: path) {
            do {
                let record = try JSONDecoder.snakeCase.decode(OwnedFiles.self, from: data)
                guard record.all.allSatisfy(CaseFolder.isPlainRelativePath) else {
                    throw CaseFolderError.corruptState(path: path, reason: "a path leaves the folder")
                }
                return record
            } catch let error as CaseFolderError {
                throw error
            } catch {
                throw .corruptState(path: path, reason: "not a list of owned files")
            }
        }
        guard CaseFolder.kind(of: folder.file("build.json")) == .file,
            let data = FileManager.default.contents(atPath: folder.file("build.json")),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let outputs = object["outputs"] as? [String]
        else { return nil }
        // Each path once: older manifests list build.json among their outputs.
        var seen = Set<String>()
        let files = (outputs + ["build.json"]).filter { CaseFolder.isPlainRelativePath($0) && seen.insert($0).inserted }
        return OwnedFiles(publish: "legacy", buildID: object["build_id"] as? String ?? "", files: files, extras: [])
    }

    /// Replaces the record, atomically (a temporary file renamed over it).
    func write(to folder: CaseFolder) throws(CaseFolderError) {
        let data: Data
        do { data = try JSONEncoder.snakeCase.encode(self) } catch {
            throw .io(path: folder.state(OwnedFiles.name), operation: "encode", reason: "\(error)")
        }
        try AtomicFile.replace(folder.state(OwnedFiles.name), with: data, mode: folder.modes.file)
    }
}

/// Small files replaced whole: written to a temporary name, flushed, renamed into place.
public enum AtomicFile {
    /// Replaces `path` with `data` (mode `mode`): never a half-written file under that name.
    public static func replace(_ path: String, with data: Data, mode: mode_t) throws(CaseFolderError) {
        let temporary = path + ".tmp"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)
        guard fd >= 0 else { throw .io(path: temporary, operation: "create", reason: CaseFolderError.reason()) }
        let written = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        let synced = fsync(fd) == 0
        close(fd)
        guard written && synced else {
            unlink(temporary)
            throw .io(path: temporary, operation: "write", reason: CaseFolderError.reason())
        }
        guard rename(temporary, path) == 0 else {
            let reason = CaseFolderError.reason()
            unlink(temporary)
            throw .io(path: path, operation: "replace", reason: reason)
        }
    }
}

extension JSONEncoder {
    static var snakeCase: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

extension JSONDecoder {
    static var snakeCase: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}
