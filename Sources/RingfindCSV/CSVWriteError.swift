import RingfindGraph

/// A CSV file that could not be created or written.
public struct CSVWriteError: Error, CustomStringConvertible, Sendable {
    /// The file being written.
    public let path: String
    /// What went wrong, as the system said it.
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write \(TextSafety.quoted(path, limit: 200)): \(reason)" }
}
