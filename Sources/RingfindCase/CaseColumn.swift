/// What a column of the case file holds, as SQLite declares it.
public enum CaseColumnType: String, Sendable {
    case integer = "INTEGER"
    case real = "REAL"
    case text = "TEXT"
    case blob = "BLOB"
}

/// Packed bytes in a `BLOB` column (the adjacency lists of `CaseSchema.Adjacency`).
public enum CaseBlob {}

/// A column of one table of the case file, typed by the Swift value it holds: the one place
/// that names it, declares it and numbers it.
///
/// The table's `CREATE TABLE`, the writer's `INSERT` (which binds `position + 1`) and the
/// reader's `SELECT` of the table's columns (which reads `position`) are all made from the
/// table's column list (`CaseTable`), so a column cannot be bound at one place and read at
/// another. `Value` is `Int64`, `Double`, `String` or `CaseBlob`; the binder
/// (`CaseWriter.RowBinder`) and the reader (`CaseRow`) have one overload for each.
public struct CaseColumn<Value>: Sendable {
    /// The column's SQL name.
    public let name: String
    /// Its 0-based place in the table (and in `CaseTable.selectList`).
    public let position: Int32
    /// Its declared type.
    public let type: CaseColumnType
    /// Constraints after the type (`NOT NULL`, `PRIMARY KEY`), or empty.
    public let constraint: String

    init(_ name: String, _ position: Int32, _ type: CaseColumnType, _ constraint: String = "") {
        (self.name, self.position, self.type, self.constraint) = (name, position, type, constraint)
    }

    /// The column without its value type, for the table's column list.
    public var declaration: CaseColumnDeclaration {
        CaseColumnDeclaration(name: name, position: position, type: type, constraint: constraint)
    }
}

extension CaseColumn where Value == Int64 {
    static func integer(_ name: String, _ position: Int32, _ constraint: String = "") -> Self {
        .init(name, position, .integer, constraint)
    }
}

extension CaseColumn where Value == Double {
    static func real(_ name: String, _ position: Int32, _ constraint: String = "") -> Self {
        .init(name, position, .real, constraint)
    }
}

extension CaseColumn where Value == String {
    static func text(_ name: String, _ position: Int32, _ constraint: String = "") -> Self {
        .init(name, position, .text, constraint)
    }
}

extension CaseColumn where Value == CaseBlob {
    static func blob(_ name: String, _ position: Int32, _ constraint: String = "") -> Self {
        .init(name, position, .blob, constraint)
    }
}

/// A column as the DDL needs it: name, place, type and constraints.
public struct CaseColumnDeclaration: Sendable, Equatable {
    public let name: String
    public let position: Int32
    public let type: CaseColumnType
    public let constraint: String

    /// `name TYPE constraint`, as in `CREATE TABLE`.
    public var sql: String {
        constraint.isEmpty ? "\(name) \(type.rawValue)" : "\(name) \(type.rawValue) \(constraint)"
    }
}

/// A table of the case file whose columns are declared once, as typed `CaseColumn`s; its DDL,
/// its `INSERT` and its `SELECT` list are all made from `columns`.
public protocol CaseTable {
    /// The table's SQL name.
    static var name: String { get }
    /// Every column, in table order (`columns[i].position == i`).
    static var columns: [CaseColumnDeclaration] { get }
}

extension CaseTable {
    /// `CREATE TABLE name (…)`.
    public static var createStatement: String {
        "CREATE TABLE \(name) (" + columns.map(\.sql).joined(separator: ", ") + ")"
    }

    /// `INSERT INTO name (…) VALUES (?, …)`: column `c` is bound at `c.position + 1`.
    public static var insertStatement: String {
        "INSERT INTO \(name) (" + columns.map(\.name).joined(separator: ", ") + ") VALUES ("
            + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
    }

    /// The column names in table order, for `SELECT \(selectList) FROM name …`: column `c` is
    /// then read at `c.position`.
    public static var selectList: String { columns.map(\.name).joined(separator: ", ") }

    /// Whether the columns are numbered in table order (checked by the tests).
    public static var isNumberedInOrder: Bool {
        columns.enumerated().allSatisfy { $0.offset == Int($0.element.position) }
    }
}
