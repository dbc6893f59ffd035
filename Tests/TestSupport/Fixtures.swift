import Foundation

/// Files of the repository that tests read (datasets, reference fixtures).
public enum RepositoryFiles {
    /// The package root (this file is Tests/TestSupport/Fixtures.swift).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The absolute path of `relative` inside the repository.
    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// A JSON fixture, parsed.
    public static func json(_ relative: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path(relative))))
    }
}
