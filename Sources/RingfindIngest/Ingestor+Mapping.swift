import Foundation
import RingfindGraph

/// Identity resolution and resource mapping while reading: alias and resource rows, entities
/// rows declared under an alias, and the vendor a resource belongs to. Aliases are resolved
/// once every alias file is read, before any other input (`Ingestor.ingest`).
extension Ingestor {
    /// Resolves the aliases once all alias files are read (before any other file).
    mutating func resolveAliasesIfNeeded() throws(IngestError) {
        guard !aliases.isResolved else { return }
        if let cycle = aliases.resolve() { throw .aliasCycle(rows: cycle) }
        aliasSeen = [Bool](repeating: false, count: aliases.names.count)
        aliasIndex = [Int32](repeating: -1, count: aliases.names.count)
        mapping.aliasRows = aliases.rows
        mapping.aliases = aliases.aliasCount
        mapping.chainedAliases = aliases.chained
    }

    /// The two ids a mapping row must have (`alias,id`, `resource,vendor`), present and visible,
    /// or the verdict rejecting the row.
    private func mappingPair<Reader: RowReader>(
        _ reader: Reader, _ row: RowContext, named first: String, _ second: String
    )
        -> Result<(FieldRef, FieldRef), RejectionError>
    {
        let slots = reader.slots
        guard let a = row.present(slots[0], reader) else {
            return .failure(.init(.missingValue(field: first), row.column(slots[0])))
        }
        guard let b = row.present(slots[1], reader) else {
            return .failure(.init(.missingValue(field: second), row.column(slots[1])))
        }
        if let (reason, column) = row.invisibleID(a, named: first, reader) ?? row.invisibleID(b, named: second, reader)
        {
            return .failure(.init(reason, column))
        }
        return .success((a, b))
    }

    /// `alias,id`: another name of an entity.
    mutating func acceptAlias<Reader: RowReader>(_ reader: Reader, _ row: inout RowContext, file: String)
        throws(IngestError) -> RowVerdict
    {
        let alias: FieldRef, id: FieldRef
        switch mappingPair(reader, row, named: "alias", "id") {
        case .success(let pair): (alias, id) = pair
        case .failure(let rejection): return .rejected(rejection.reason, rejection.column)
        }
        let line = reader.line
        let conflict = reader.withBytes(alias) { a in
            reader.withBytes(id) { i in
                aliases.add(alias: a.trimmingASCIISpaces(), id: i.trimmingASCIISpaces(), file: file, line: line)
            }
        }
        if let conflict {
            throw .conflictingAlias(
                alias: row.text(alias, reader), first: "\(conflict.file):\(conflict.line)", firstID: conflict.target,
                second: "\(file):\(line)", secondID: row.text(id, reader))
        }
        return .accepted
    }

    /// `resource,vendor`: the vendor a resource (or, ending in `*`, every resource with that
    /// prefix) belongs to.
    mutating func acceptResource<Reader: RowReader>(_ reader: Reader, _ row: inout RowContext, file: String)
        throws(IngestError) -> RowVerdict
    {
        let resource: FieldRef, vendor: FieldRef
        switch mappingPair(reader, row, named: "resource", "vendor") {
        case .success(let pair): (resource, vendor) = pair
        case .failure(let rejection): return .rejected(rejection.reason, rejection.column)
        }
        if row.text(resource, reader) == "*" { return .rejected(.emptyPrefix, resource.column) }
        let origin = "\(file):\(reader.line)"
        let conflict = reader.withBytes(resource) { r in
            reader.withBytes(vendor) { v in
                resources.add(resource: r.trimmingASCIISpaces(), vendor: v.trimmingASCIISpaces(), origin: origin)
            }
        }
        if let conflict {
            throw .conflictingResource(
                resource: row.text(resource, reader), first: conflict.origin, firstVendor: conflict.vendor,
                second: origin, secondVendor: row.text(vendor, reader))
        }
        return .accepted
    }

    /// An entities row whose id is an alias (`resolved`) or the canonical id of aliases: the
    /// row merges into the canonical entity. Kinds declared under two names must agree.
    mutating func declareAliased<Reader: RowReader>(
        _ reader: Reader, _ row: RowContext, _ idField: FieldRef, resolved: (alias: Int32, canonical: Int32)?,
        kind: EntityKind?, name: String, group: String, line: Int, file: String
    ) throws(IngestError) -> RowVerdict {
        let raw = row.text(idField, reader)
        let nameIndex =
            resolved?.alias ?? reader.withBytes(idField) { aliases.names.lookup($0.trimmingASCIISpaces()) } ?? -1
        if let firstLine = declaredNames[nameIndex] {
            return .rejected(.duplicateEntity(id: raw, firstLine: firstLine), idField.column)
        }
        declaredNames[nameIndex] = line
        let own = resolved == nil
        let entity: Int32
        if let resolved {
            aliasSeen[Int(resolved.alias)] = true
            entity = aliases.names.withBytes(resolved.canonical) { entities.entity(for: $0, seenAs: .external) }
            noteAlias(resolved.alias, of: entity)
        } else {
            entity = reader.withBytes(idField) { entities.entity(for: $0.trimmingASCIISpaces(), seenAs: .external) }
        }
        if let earlier = aliasedDeclarations[entity] {
            if let conflict = entities.mergeDeclaration(
                of: entity, kind: kind, name: name, group: group, line: line, overwrite: own)
            {
                let aliasRow =
                    resolved.map { aliases.origin(of: $0.alias) }
                    ?? reader.withBytes(idField) { b in aliases.names.lookup(b.trimmingASCIISpaces()) }.map { _ in "" }
                    ?? ""
                throw .aliasKindConflict(
                    first: "\(earlier.file):\(earlier.line)", firstID: earlier.raw,
                    firstKind: conflict.kind.description,
                    second: "\(file):\(line)", secondID: raw, secondKind: kind?.description ?? "",
                    canonical: entities.id(entity), aliasRow: aliasRow)
            }
            if own { aliasedDeclarations[entity] = (file, line, raw, true) }
        } else {
            // The first declaration of this entity under any of its names.
            _ = entities.mergeDeclaration(of: entity, kind: kind, name: name, group: group, line: line, overwrite: true)
            aliasedDeclarations[entity] = (file, line, raw, own)
        }
        for (attribute, value) in reader.extras {
            let text = row.text(value, reader)
            guard !text.isEmpty else { continue }
            if own {
                entities.setAttribute(attribute, of: entity, to: text)
            } else {
                entities.setAttributeIfEmpty(attribute, of: entity, to: text)
            }
        }
        return .accepted
    }

    /// Records alias name `alias` (of the alias table) on `entity` the first time it is seen.
    mutating func noteAlias(_ alias: Int32, of entity: Int32) {
        if aliasIndex[Int(alias)] < 0 {
            aliasIndex[Int(alias)] = aliases.names.withBytes(alias) { entities.addAlias($0, of: entity) }
            mapping.aliasesMerged += 1
        }
    }

    /// The vendor entity of interned resource `resource` under the `resources` rules (aliases
    /// resolved), or -1; looked up once per distinct resource and cached.
    mutating func vendorOfResource(_ resource: Int32) -> Int32 {
        guard !resources.isEmpty else { return -1 }
        let r = Int(resource)
        if r >= resourceVendor.count {
            resourceVendor.append(contentsOf: repeatElement(-2, count: r + 1 - resourceVendor.count))
        }
        if resourceVendor[r] != -2 { return resourceVendor[r] }
        var entity: Int32 = -1
        if let vendor = events.resources.withBytes(resource, { resources.vendor(of: $0) }) {
            entity = resources.vendors.withBytes(vendor) { bytes in
                if let resolved = aliases.canonical(of: bytes) {
                    return aliases.names.withBytes(resolved.canonical) { entities.entity(for: $0, seenAs: .vendor) }
                }
                return entities.entity(for: bytes, seenAs: .vendor)
            }
            mapping.resourcesMapped += 1
        } else {
            mapping.unmappedResources += 1
        }
        resourceVendor[r] = entity
        return entity
    }
}
