import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A build's output folder and its bookkeeping, kept in `OUT/.ringfind/`:
///
/// | name | what |
/// | --- | --- |
/// | `build.lock` | held (`flock`, exclusive) by a build from start to end: builds are serialised |
/// | `case.lock` | held exclusively while a case is published or recovered, shared by a reader while it opens the case |
/// | `owned.json` | the files of the published case (and salvaged files) — exactly what ringfind may replace or delete — with the id of the publish that wrote them |
/// | `publish.json` | the journal of a publish in progress (see `CasePublisher`) |
/// | `staging-PID/` | where a build writes its outputs before publishing them |
/// | `previous-TOKEN/` | the previous case's files, set aside during a publish |
///
/// Files in the folder that ringfind did not write (notes, an audit log, a `.gitignore`) are
/// never touched.
public struct CaseFolder: Sendable {
    /// The folder, as given.
    public let path: String
    /// Permissions of the folders and files ringfind creates.
    public let modes: Modes

    /// Permission bits for created folders and files.
    public struct Modes: Sendable, Equatable {
        public var folder: mode_t
        public var file: mode_t
        /// Owner only: `0700` / `0600`.
        public static let ownerOnly = Modes(folder: 0o700, file: 0o600)
        /// Owner, and the group may read: `0750` / `0640`.
        public static let groupReadable = Modes(folder: 0o750, file: 0o640)
    }

    /// The name of the bookkeeping folder.
    public static let stateName = ".ringfind"

    public init(path: String, modes: Modes = .ownerOnly) {
        self.path = path
        self.modes = modes
    }

    /// `OUT/.ringfind`.
    public var statePath: String { path + "/" + CaseFolder.stateName }
    /// The absolute-or-relative path of `relative` inside the folder.
    public func file(_ relative: String) -> String { path + "/" + relative }
    /// The path of `name` inside `.ringfind`.
    public func state(_ name: String) -> String { statePath + "/" + name }

    /// Creates the folder (with `modes.folder`) and its bookkeeping folder if missing.
    /// Refuses when either exists and is not a real folder.
    public func prepare() throws(CaseFolderError) {
        try CaseFolder.makeFolder(path, mode: modes.folder, intermediate: true)
        try CaseFolder.makeFolder(statePath, mode: modes.folder, intermediate: false)
    }

    // MARK: - Locks

    /// Which lock.
    public enum LockName: String, Sendable {
        /// Serialises builds.
        case build = "build.lock"
        /// Guards the published case: exclusive to publish or recover, shared to open.
        case publication = "case.lock"
    }

    /// Takes `name` (creating its file if `create`). `wait` = nil fails at once when the lock
    /// is held; otherwise waits up to `wait` seconds. Returns `nil` when the lock file does not
    /// exist and `create` is false (a folder without bookkeeping has nothing to lock).
    public func lock(_ name: LockName, exclusive: Bool, create: Bool, wait: Double?) throws(CaseFolderError)
        -> FileLock?
    {
        let lockPath = state(name.rawValue)
        let flags = O_RDONLY | O_CLOEXEC | O_NOFOLLOW | (create ? O_CREAT : 0)
        let fd = open(lockPath, flags, modes.file)
        guard fd >= 0 else {
            if errno == ENOENT && !create { return nil }
            throw .io(path: lockPath, operation: "open the lock", reason: CaseFolderError.reason())
        }
        let deadline = Date().addingTimeInterval(wait ?? 0)
        while flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let reason = CaseFolderError.reason()
                close(fd)
                throw .io(path: lockPath, operation: "lock", reason: reason)
            }
            guard wait != nil, Date() < deadline else {
                close(fd)
                if name == .build { throw .busy(path: path) }
                throw .publishing(path: path, seconds: wait ?? 0)
            }
            usleep(20_000)
        }
        return FileLock(descriptor: fd)
    }

    // MARK: - File kinds

    /// What stands at a path, without following a final symbolic link.
    public enum Kind: Sendable, Equatable {
        case missing, file, folder, symlink
        case other(String)
    }

    /// The kind of `path` (`lstat`).
    public static func kind(of path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return .symlink
        case S_IFIFO: return .other("a FIFO (named pipe)")
        case S_IFSOCK: return .other("a socket")
        case S_IFCHR, S_IFBLK: return .other("a device")
        default: return .other("not a regular file")
        }
    }

    /// Creates `path` as a folder with `mode`, or checks that it already is a real folder.
    static func makeFolder(_ path: String, mode: mode_t, intermediate: Bool) throws(CaseFolderError) {
        switch kind(of: path) {
        case .folder: return
        case .missing:
            if intermediate {
                let parent = (path as NSString).deletingLastPathComponent
                if !parent.isEmpty && parent != path && kind(of: parent) == .missing {
                    try makeFolder(parent, mode: mode, intermediate: true)
                }
            }
            guard mkdir(path, mode) == 0 || errno == EEXIST else {
                throw .cannotCreate(path: path, reason: CaseFolderError.reason())
            }
            // mkdir applies the umask; set the bits exactly.
            _ = chmod(path, mode)
        case .symlink:
            // The output folder itself may be a link the user made; folders inside it may not.
            var info = stat()
            if intermediate && stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { return }
            throw .notAFolder(path: path, found: "a symbolic link")
        case .file: throw .notAFolder(path: path, found: "a file")
        case .other(let what): throw .notAFolder(path: path, found: what)
        }
    }

    /// Whether `relative` is a plain relative path inside the folder: not empty, not
    /// absolute, no `.`/`..` or hidden components.
    public static func isPlainRelativePath(_ relative: String) -> Bool {
        guard !relative.isEmpty, !relative.hasPrefix("/") else { return false }
        return relative.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && !$0.hasPrefix(".")
        }
    }
}

/// A held `flock`; released when the value goes away (or the process ends, however it ends).
public final class FileLock: @unchecked Sendable {
    private let descriptor: Int32

    init(descriptor: Int32) { self.descriptor = descriptor }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
