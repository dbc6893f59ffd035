/// Every entity ringfind knows of, by dense id `0..<count`, with its kind, name, group and
/// any further attributes from the `entities` files.
///
/// Ids are assigned in first-seen order: entities files first, then events in file order.
/// The string ↔ id mapping stays here; everything downstream works on `Int32` ids.
public struct EntityTable: Sendable {
    /// The external id of each entity.
    public private(set) var ids = ByteStringInterner(expectedCount: 4096)
    /// The kind of each entity.
    public private(set) var kinds: [EntityKind] = []
    /// Whether each kind was declared in an entities file or inferred from events.
    public private(set) var kindOrigins: [KindOrigin] = []
    /// Display name (empty when unknown).
    public private(set) var names: [String] = []
    /// Department, team or country (empty when unknown).
    public private(set) var groups: [String] = []
    /// Names of the extra attribute columns, in first-seen order.
    public private(set) var attributeNames: [String] = []
    /// `attributeValues[a][e]` is attribute `a` of entity `e` (empty when absent); each column
    /// may be shorter than `count`, missing rows being empty.
    public private(set) var attributeValues: [[String]] = []
    /// Line (in its entities file) where each declared entity was defined; 0 for inferred.
    public private(set) var declaredAt: [Int32] = []
    /// Entities whose declared kind disagrees with a role they play in events, or whose
    /// inferred roles disagree with each other.
    public private(set) var kindConflictCount = 0

    public init() {}

    /// The number of entities.
    public var count: Int { kinds.count }

    /// The external id of entity `entity`.
    public func id(_ entity: Int32) -> String { ids.string(entity) }

    /// The dense id of an external id, or `nil`.
    public func entity(forID id: String) -> Int32? { ids.lookup(id) }

    /// Declares an entity from an entities row. Returns `nil` when the id is new, or the
    /// line of the earlier definition when it was already declared (a duplicate).
    public mutating func declare(
        id: UnsafeRawBufferPointer, kind: EntityKind?, name: String, group: String, line: Int
    ) -> (entity: Int32, duplicateOf: Int32?) {
        let (entity, inserted) = ids.intern(id)
        let index = Int(entity)
        if inserted {
            appendEntity(kind: kind ?? .external, origin: kind == nil ? .inferred : .declared)
        } else if declaredAt[index] > 0 {
            return (entity, declaredAt[index])
        }
        if let kind { kinds[index] = kind; kindOrigins[index] = .declared }
        names[index] = name
        groups[index] = group
        declaredAt[index] = Int32(clamping: line)
        return (entity, nil)
    }

    /// Sets an extra attribute of an entity.
    public mutating func setAttribute(_ name: String, of entity: Int32, to value: String) {
        let column: Int
        if let existing = attributeNames.firstIndex(of: name) {
            column = existing
        } else {
            attributeNames.append(name)
            attributeValues.append([])
            column = attributeNames.count - 1
        }
        let index = Int(entity)
        if attributeValues[column].count <= index {
            attributeValues[column].append(contentsOf: repeatElement("", count: index + 1 - attributeValues[column].count))
        }
        attributeValues[column][index] = value
    }

    /// Attribute `column` of `entity` (empty when absent).
    public func attribute(_ column: Int, of entity: Int32) -> String {
        let values = attributeValues[column]
        return Int(entity) < values.count ? values[Int(entity)] : ""
    }

    /// The entity seen in an event in `role`, adding it (with the role's kind) if new.
    ///
    /// Inferred kinds are refined by precedence employee > vendor > external: an id seen both
    /// as an access employee and as a payment party is an employee. Declared kinds never change.
    public mutating func entity(for id: UnsafeRawBufferPointer, seenAs role: EntityKind) -> Int32 {
        let (entity, inserted) = ids.intern(id)
        if inserted {
            appendEntity(kind: role, origin: .inferred)
            return entity
        }
        let index = Int(entity)
        let current = kinds[index]
        if current != role && role != .external {
            if kindOrigins[index] == .declared {
                kindConflictCount += 1
            } else if role < current {
                if current != .external { kindConflictCount += 1 }
                kinds[index] = role
            } else {
                kindConflictCount += 1
            }
        }
        return entity
    }

    private mutating func appendEntity(kind: EntityKind, origin: KindOrigin) {
        kinds.append(kind)
        kindOrigins.append(origin)
        names.append("")
        groups.append("")
        declaredAt.append(0)
    }
}
