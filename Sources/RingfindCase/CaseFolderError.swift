import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a case folder (a build's output folder) could not be prepared, locked, published or
/// recovered. Paths are shown through the one terminal-safety function by whoever prints.
public enum CaseFolderError: Error, CustomStringConvertible, Sendable {
    /// The folder (or a folder inside it) could not be created.
    case cannotCreate(path: String, reason: String)
    /// Something other than a real folder stands where a folder is needed (a file, or a
    /// symbolic link that would lead writes outside the case folder).
    case notAFolder(path: String, found: String)
    /// Another build holds the folder.
    case busy(path: String)
    /// A publish did not finish within the wait.
    case publishing(path: String, seconds: Double)
    /// Publishing would replace or delete a file that ringfind did not write.
    case notOwned(path: String)
    /// A system call failed.
    case io(path: String, operation: String, reason: String)
    /// The folder's bookkeeping (`.ringfind/`) is unreadable.
    case corruptState(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason): "cannot create '\(path)': \(reason)"
        case .notAFolder(let path, let found):
            "'\(path)' is \(found), not a folder; ringfind writes only into real folders inside the output folder"
        case .busy(let path):
            "another ringfind build is writing '\(path)'; wait for it to finish or choose another --out"
        case .publishing(let path, let seconds):
            "a build has been publishing '\(path)' for more than \(seconds.formatted()) s; try again when it has finished"
        case .notOwned(let path):
            "'\(path)' was not written by ringfind, and a build never replaces or deletes such a file; move it away or choose another --out"
        case .io(let path, let operation, let reason): "cannot \(operation) '\(path)': \(reason)"
        case .corruptState(let path, let reason):
            "the case folder's bookkeeping '\(path)' is unreadable (\(reason)); remove it only if no build is running"
        }
    }

    /// The current `errno` as text.
    static func reason(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }
}
