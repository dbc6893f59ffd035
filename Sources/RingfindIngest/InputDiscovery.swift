import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One input file ringfind will read.
public struct InputFile: Sendable, Equatable {
    /// Path as it will be reported (the folder as given, joined with the file name).
    public var path: String
    public var kind: InputKind
    public var format: InputFormat

    public init(path: String, kind: InputKind, format: InputFormat) {
        self.path = path
        self.kind = kind
        self.format = format
    }
}

/// The two file formats of the input contract.
public enum InputFormat: String, Sendable {
    case csv
    case jsonLines = "jsonl"
}

/// Finds the input files in a folder: `entities`, `communications`, `payments` and
/// `access`, each as `NAME.csv` or `NAME.jsonl` (also `.ndjson`); names are matched
/// ignoring case. When both a CSV and a JSON Lines file of one kind exist, both are read.
/// Hidden files and Markdown notes (`README.md`, `SOURCE.md`) are passed over silently;
/// other files are listed as ignored, which catches misspelt names.
public enum InputDiscovery {
    /// The recognised files of `folder`, entities first (so declared kinds are known before
    /// events refer to them), then communications, payments, access; and the names of the
    /// other, ignored, files.
    public static func discover(folder: String) throws(IngestError) -> (inputs: [InputFile], ignored: [String]) {
        var info = stat()
        guard stat(folder, &info) == 0 else {
            switch errno {
            case ENOENT, ENOTDIR: throw .folderMissing(path: folder)
            case ELOOP: throw .symlinkLoop(path: folder)
            default: throw .unreadableFolder(path: folder, reason: String(cString: strerror(errno)))
            }
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw .notAFolder(path: folder) }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            throw .unreadableFile(file: folder, reason: "cannot list the folder")
        }
        var inputs: [InputFile] = []
        var ignored: [String] = []
        for name in names where !name.hasPrefix(".") {
            if let (kind, format) = recognise(name) {
                let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
                try requireRegularFile(path)
                inputs.append(InputFile(path: path, kind: kind, format: format))
            } else if !name.lowercased().hasSuffix(".md") {
                ignored.append(name)
            }
        }
        guard !inputs.isEmpty else { throw .noRecognisedFiles(folder: folder, found: names) }
        inputs.sort { ($0.kind, $0.format == .csv ? 0 : 1, $0.path) < ($1.kind, $1.format == .csv ? 0 : 1, $1.path) }
        return (inputs, ignored)
    }

    /// Throws unless `path` is a regular file or a symbolic link to one (checked with `stat`,
    /// without opening: opening a FIFO would block).
    static func requireRegularFile(_ path: String) throws(IngestError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            switch errno {
            case ELOOP: throw .notARegularFile(file: path, found: "a loop of symbolic links")
            case ENOENT: throw .notARegularFile(file: path, found: "a symbolic link to nothing")
            default: throw .unreadableFile(file: path, reason: String(cString: strerror(errno)))
            }
        }
        if let found = describe(info.st_mode) { throw .notARegularFile(file: path, found: found) }
    }

    /// `nil` for a regular file, else what the mode says the file is.
    static func describe(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFSOCK: "a socket"
        case S_IFCHR, S_IFBLK: "a device"
        default: "not a regular file"
        }
    }

    /// The kind and format a file name stands for, or `nil`.
    public static func recognise(_ fileName: String) -> (InputKind, InputFormat)? {
        let lower = fileName.lowercased()
        guard let dot = lower.lastIndex(of: ".") else { return nil }
        let stem = String(lower[..<dot]), ext = String(lower[lower.index(after: dot)...])
        guard let kind = InputKind(rawValue: stem) else { return nil }
        switch ext {
        case "csv": return (kind, .csv)
        case "jsonl", "ndjson": return (kind, .jsonLines)
        default: return nil
        }
    }
}
