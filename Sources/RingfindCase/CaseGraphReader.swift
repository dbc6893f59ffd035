import GRDB
import GRDBSQLite
import RingfindGraph

/// The case's graph as `adjacency` holds it, read one entity at a time: every edge at every
/// scale, so a walk (`neighbors`, `path`, the ego picture) sees the graph the build analysed.
///
/// Made by `CaseStore.readGraph`, valid only inside its closure: the statements are prepared
/// once and reused, so a breadth-first search over a million entities costs one B-tree lookup
/// and one blob decode per entity, with no SQL parsed per step.
public final class CaseGraphReader {
    private let path: String
    private let adjacency: Statement
    private let header: Statement

    init(_ db: Database, path: String) throws {
        self.path = path
        adjacency = try db.makeStatement(
            sql:
                "SELECT \(CaseSchema.Adjacency.selectList) FROM \(CaseSchema.Adjacency.name) WHERE \(CaseSchema.Adjacency.entity.name) = ?"
        )
        typealias Entities = CaseSchema.Entities
        header = try db.makeStatement(
            sql: "SELECT \(Entities.selectList) FROM \(Entities.name) WHERE \(Entities.entity.name) = ?")
    }

    /// Every edge of `entity`, out and in, of every type (`AdjacencyBlob.decode`'s order);
    /// empty for an entity without edges or unknown.
    ///
    /// - Complexity: O(log entities + degree).
    public func edges(of entity: Int64) throws(CaseError) -> [AdjacentEdge] {
        var edges: [AdjacentEdge] = []
        var malformed: AdjacencyBlob.Malformed?
        try step(adjacency, entity) { row in
            row.withBytes(CaseSchema.Adjacency.edges) { bytes in
                do throws(AdjacencyBlob.Malformed) { edges = try AdjacencyBlob.decode(bytes, entity: entity) } catch {
                    malformed = error
                }
            }
        }
        if let malformed { throw .database(path: path, message: malformed.description) }
        return edges
    }

    /// The id, kind, name and role of `entity`, or `nil` when the case has no such entity.
    ///
    /// - Complexity: O(log entities).
    public func entity(_ entity: Int64) throws(CaseError) -> EntityHeader? {
        var found: EntityHeader?
        try step(header, entity) { found = EntityHeader($0) }
        return found
    }

    /// Runs `statement` with `entity` bound and hands its (at most one) row to `body`.
    private func step(_ statement: Statement, _ entity: Int64, _ body: (CaseRow) -> Void) throws(CaseError) {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        sqlite3_bind_int64(handle, 1, entity)
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW {
            body(CaseRow(handle: handle))
            return
        }
        guard code == SQLITE_DONE else {
            throw .database(path: path, message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
        }
    }
}

/// What a reader of the graph shows of an entity: its id, kind, name and role.
public struct EntityHeader: Sendable, Equatable {
    public var id: String
    public var kind: String
    public var name: String
    /// The role found (`broker`, `insider`, …), `nil` for an entity in no ring.
    public var role: String?

    /// What is shown for an entity the case does not have (a damaged file).
    public static let unknown = EntityHeader(id: "", kind: "", name: "", role: nil)

    public init(id: String, kind: String, name: String, role: String?) {
        (self.id, self.kind, self.name, self.role) = (id, kind, name, role)
    }

    /// From a row of `SELECT` `CaseSchema.Entities.selectList`.
    init(_ row: CaseRow) {
        typealias Entities = CaseSchema.Entities
        (id, kind) = (row[Entities.id] ?? "", row[Entities.kind] ?? "")
        (name, role) = (row[Entities.entityName] ?? "", row[Entities.role])
    }
}

extension CaseStore {
    /// Runs `body` with a reader of the case's graph, inside one read transaction.
    public func readGraph<R>(_ body: (CaseGraphReader) throws -> R) throws -> R {
        let path = self.path
        do {
            return try queue.read { db in try body(try CaseGraphReader(db, path: path)) }
        } catch let error as DatabaseError {
            throw CaseError.database(path: path, message: "\(error)")
        }
    }
}
