/// Every entity ringfind knows of, by dense id `0..<count`, with its kind, name, group and
/// any further attributes from the `entities` files.
///
/// Ids are assigned in first-seen order: entities files first, then events in file order.
/// The string ↔ id mapping stays here; everything downstream works on `Int32` ids.
public struct EntityTable: Sendable {
    /// The external id of each entity.
    public internal(set) var ids = ByteStringInterner(expectedCount: 4096)
    /// The kind of each entity.
    public private(set) var kinds: [EntityKind] = []
    /// Whether each kind was declared in an entities file or inferred from events.
    public private(set) var kindOrigins: [KindOrigin] = []
    /// Display name (empty when unknown).
    public internal(set) var names: [String] = []
    /// Department, team or country (empty when unknown).
    public internal(set) var groups: [String] = []
    /// Names of the extra attribute columns, in first-seen order.
    public private(set) var attributeNames: [String] = []
    /// `attributeValues[a][e]` is attribute `a` of entity `e` (empty when absent); each column
    /// may be shorter than `count`, missing rows being empty.
    public internal(set) var attributeValues: [[String]] = []
    /// Line (in its entities file) where each declared entity was defined; 0 for inferred.
    public private(set) var declaredAt: [Int32] = []
    /// Other names of entities (`aliases` files): alias `a` is `aliases.string(a)`, another
    /// name of entity `aliasEntity[a]`. Reports show only the canonical id; `query show`
    /// lists these, and events keep the name a row used (`EventLog.aliasUses`).
    public internal(set) var aliases = ByteStringInterner(expectedCount: 16)
    /// The entity each alias names.
    public internal(set) var aliasEntity: [Int32] = []
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

    /// The dense id of the external id whose bytes are `id`, or `nil`.
    public func entity(forIDBytes id: UnsafeRawBufferPointer) -> Int32? { ids.lookup(id) }

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
        if let kind {
            kinds[index] = kind
            kindOrigins[index] = .declared
        }
        names[index] = name
        groups[index] = group
        declaredAt[index] = Int32(clamping: line)
        return (entity, nil)
    }

    /// Records that `alias` is another name of `entity`; returns the alias's index.
    @discardableResult
    public mutating func addAlias(_ alias: UnsafeRawBufferPointer, of entity: Int32) -> Int32 {
        let (index, inserted) = aliases.intern(alias)
        if inserted { aliasEntity.append(entity) }
        return index
    }

    /// Merges a declaration of an entity made under another of its names (an alias) into its
    /// entity: the kind must agree when both are declared (else the existing declaration's
    /// kind and line are returned as a conflict); the name, group and kind fill what is still
    /// empty, or — with `overwrite`, when the row is the entity's own — replace it.
    public mutating func mergeDeclaration(
        of entity: Int32, kind: EntityKind?, name: String, group: String, line: Int, overwrite: Bool
    ) -> (kind: EntityKind, line: Int32)? {
        let index = Int(entity)
        if let kind, kindOrigins[index] == .declared, kinds[index] != kind { return (kinds[index], declaredAt[index]) }
        if let kind {
            kinds[index] = kind
            kindOrigins[index] = .declared
        }
        if !name.isEmpty && (overwrite || names[index].isEmpty) { names[index] = name }
        if !group.isEmpty && (overwrite || groups[index].isEmpty) { groups[index] = group }
        if declaredAt[index] == 0 || overwrite { declaredAt[index] = Int32(clamping: line) }
        return nil
    }

    /// Sets an extra attribute of an entity (an alias's row only fills what is empty).
    public mutating func setAttributeIfEmpty(_ name: String, of entity: Int32, to value: String) {
        if let column = attributeNames.firstIndex(of: name), !attribute(column, of: entity).isEmpty { return }
        setAttribute(name, of: entity, to: value)
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
            attributeValues[column].append(
                contentsOf: repeatElement("", count: index + 1 - attributeValues[column].count))
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
        entity(for: id, hash: ids.keyHasher.hash(id), seenAs: role)
    }

    /// `entity(for:seenAs:)`, with the id's hash already computed by `ids.keyHasher`.
    public mutating func entity(for id: UnsafeRawBufferPointer, hash: UInt64, seenAs role: EntityKind) -> Int32 {
        let (entity, inserted) = ids.intern(id, hash: hash)
        if inserted {
            appendEntity(kind: role, origin: .inferred)
            return entity
        }
        let index = Int(entity)
        // Seen as external refines nothing: its kind is not read at all (nor prefetched,
        // `prefetchKind(ofEntry:)`), which spares a cache miss for most ids of a large log.
        guard role != .external else { return entity }
        let current = kinds[index]
        if current != role {
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

    /// Makes room for `count` entities in all, so that declaring them does not rebuild the id
    /// table or copy the columns while they grow. Changes no result.
    public mutating func reserve(_ count: Int) {
        guard count > self.count else { return }
        ids.reserve(count)
        kinds.reserveCapacity(count)
        kindOrigins.reserveCapacity(count)
        names.reserveCapacity(count)
        groups.reserveCapacity(count)
        declaredAt.reserveCapacity(count)
    }

    private mutating func appendEntity(kind: EntityKind, origin: KindOrigin) {
        kinds.append(kind)
        kindOrigins.append(origin)
        names.append("")
        groups.append("")
        declaredAt.append(0)
    }
}
