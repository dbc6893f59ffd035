import Foundation
import RingfindCase
import RingfindGraphviz

/// A picture the build drew — a ring's or the overview — laid out again from the case file
/// alone: the DOT source and the Graphviz engine the build used are stored in `pictures`, so
/// the result is byte for byte the build's own (`ringfind render OUT --ring N | --overview`).
public enum StoredPicture {
    /// Draws `picture` into `folder/picture.FORMAT` (through a temporary file renamed into
    /// place, owner-only) and returns what was written; nil when the build drew no such
    /// picture (only the best rings are drawn). A case file written before pictures were stored
    /// is a `QueryError.notStored`.
    ///
    /// - Complexity: one primary-key lookup, then the layout (`GraphvizRenderer`).
    public static func draw(
        _ picture: String, in store: CaseStore, folder: String, format: GraphvizRenderer.Format
    ) throws -> EgoPicture.Drawn? {
        guard try store.hasTable(CaseSchema.Pictures.name) else {
            throw QueryError.notStored(
                "this case file holds no pictures (it was written by an older ringfind); build again to draw them")
        }
        var stored: (engine: String, dot: String)?
        let table = CaseSchema.Pictures.self
        try store.forEachRow(
            "SELECT \(table.engine.name), \(table.dot.name) FROM \(table.name) WHERE \(table.picture.name) = ?",
            [picture]
        ) { row in stored = (row.text(0) ?? "", row.text(1) ?? "") }
        guard let stored else { return nil }
        guard let engine = GraphvizRenderer.Engine(rawValue: stored.engine) else {
            throw QueryError.invalid("the case file names an unknown layout engine for \(picture)")
        }
        let path = folder + "/" + picture + "." + format.rawValue
        let parent = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(
            atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try AtomicFile.replace(
            path, with: try GraphvizRenderer.render(stored.dot, engine: engine, format: format), mode: 0o600)
        return EgoPicture.Drawn(path: path)
    }
}
