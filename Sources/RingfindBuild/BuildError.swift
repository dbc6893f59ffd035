import RingfindGraph
import RingfindIngest

/// Why a build stopped. The CLI prints the description on one line and exits non-zero.
public enum BuildError: Error, CustomStringConvertible, Sendable {
    /// A problem with the inputs (missing folder, unreadable file, too many rejects, …).
    case input(IngestError)
    /// A file rejected more rows than `--max-rejects` allows; the rejected rows were kept in
    /// `rejectedFile` (next to the previous build's outputs, which are untouched).
    case rejectsExceeded(IngestError, rejectedFile: String?)
    /// An output could not be written.
    case cannotWrite(path: String, reason: String)
    /// A report or truth file could not be read.
    case cannotRead(path: String, reason: String)
    /// A bad option value.
    case invalidOption(name: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .input(let error): "\(error)"
        case .rejectsExceeded(let error, let file):
            "\(error)" + (file.map { "; the rejected rows are in \(TextSafety.terminal($0))" } ?? "")
        case .cannotWrite(let path, let reason): "cannot write \(TextSafety.quoted(path, limit: 200)): \(reason)"
        case .cannotRead(let path, let reason): "cannot read \(TextSafety.quoted(path, limit: 200)): \(reason)"
        case .invalidOption(let name, let value, let expected): "\(name) \(TextSafety.quoted(value)): expected \(expected)"
        }
    }
}
