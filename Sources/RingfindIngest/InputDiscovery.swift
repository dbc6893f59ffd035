import Foundation

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
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw .folderMissing(path: folder)
        }
        guard isDirectory.boolValue else { throw .notAFolder(path: folder) }
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
                inputs.append(InputFile(path: path, kind: kind, format: format))
            } else if !name.lowercased().hasSuffix(".md") {
                ignored.append(name)
            }
        }
        guard !inputs.isEmpty else { throw .noRecognisedFiles(folder: folder, found: names) }
        inputs.sort { ($0.kind, $0.format == .csv ? 0 : 1, $0.path) < ($1.kind, $1.format == .csv ? 0 : 1, $1.path) }
        return (inputs, ignored)
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
